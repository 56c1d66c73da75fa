/// The command line of `autobahn-client` (see `usage`).
struct AutobahnOptions: Equatable {
    static let usage = """
        usage: autobahn-client --server ws://127.0.0.1:PORT [--agent NAME] [--max-message-size BYTES]
                               [--case-timeout SECONDS] [--cases N,N,...] [--verbose]

        The echo client for the Autobahn|Testsuite fuzzingserver (`make conformance` runs it): asks the
        server for its case count, runs every case echoing each text and binary message with the same
        opcode, then asks the server to write its reports. The verdicts are in the server's reports.

          --server URL             the fuzzingserver's base URL (ws:// only)
          --agent NAME             the agent name the reports are filed under (streamer)
          --max-message-size N     the message cap in bytes (67108864; case 9.x sends 16 MiB)
          --case-timeout SECONDS   give up on a case the server has not closed after this long (120)
          --cases N,N,...          run only these case numbers (1-based, as in /runCase?case=N)
          --verbose                one stderr line per case: how it ended

        """

    var server: WebSocketURLText = ""
    var agent = "streamer"
    var maxMessageSize = 64 << 20
    var caseTimeoutSeconds = 120
    var cases: [Int]?
    var verbose = false

    /// The server URL as given; validated by `AutobahnClient`.
    typealias WebSocketURLText = String

    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) throws(AutobahnError) -> AutobahnOptions {
        var options = AutobahnOptions()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--verbose", "-v": options.verbose = true
            case "--help", "-h": throw .help
            case "--server", "--agent", "--max-message-size", "--case-timeout", "--cases":
                guard let value = rest.popFirst() else { throw .usage("option '\(argument)' needs a value") }
                try options.set(argument, value)
            default: throw .usage("unknown argument '\(argument)'")
            }
        }
        guard !options.server.isEmpty else { throw .usage("missing --server") }
        return options
    }

    private mutating func set(_ option: String, _ value: String) throws(AutobahnError) {
        switch option {
        case "--server": server = value
        case "--agent": agent = value
        case "--max-message-size":
            guard let size = Int(value), size >= 1 << 10 else { throw .usage("invalid --max-message-size '\(value)'") }
            maxMessageSize = size
        case "--case-timeout":
            guard let seconds = Int(value), seconds > 0 else { throw .usage("invalid --case-timeout '\(value)'") }
            caseTimeoutSeconds = seconds
        default:
            let numbers = value.split(separator: ",").map { Int($0) }
            guard !numbers.isEmpty, numbers.allSatisfy({ ($0 ?? 0) > 0 }) else {
                throw .usage("invalid --cases '\(value)'")
            }
            cases = numbers.compactMap { $0 }
        }
    }
}

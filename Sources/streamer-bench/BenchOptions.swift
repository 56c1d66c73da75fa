#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The command line of `streamer-bench` (see `usage`).
struct BenchOptions {
    /// The text of `--help`.
    static let usage = """
        usage: streamer-bench [e2e] [micro] [startup] [--messages N] [--long] [--e2e-runs N] [--runs N]
                              [--spawns N] [--bin DIR] [--no-pin]

        Prints one line per figure: name, value, unit, and the command or parameters that produced it.
        Run it from the repository root (it reads Fixtures/); `make bench` builds release and runs it.

          e2e            fixture-exchange --flood -> streamer, ws:// and wss:// (msgs/s, peak RSS)
          micro          in-process: frames, decode, render, book apply, getBook parse (median of runs)
          startup        streamer --help start-up time, binary size
                         (none of the three: all, in that order)
          --messages N   messages per end-to-end run (1000000)
          --long         also the 10,000,000-message RSS flatness run
          --e2e-runs N   end-to-end runs per figure, median reported (3)
          --runs N       timed runs per micro figure, median reported (5)
          --spawns N     'streamer --help' spawns (20)
          --bin DIR      where streamer and fixture-exchange are (default: next to this program)
          --no-pin       do not pin the client to CPU 0 and the server to CPU 1

        """

    var sections: [String] = []
    var messages = 1_000_000
    var long = false
    var e2eRuns = 3
    var runs = 5
    var spawns = 20
    var binDirectory = ""
    var pin = true

    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) throws(BenchError) -> BenchOptions {
        var options = BenchOptions()
        var remaining = arguments[...]
        func number(_ name: String) throws(BenchError) -> Int {
            guard let text = remaining.popFirst(), let value = Int(text), value > 0 else {
                throw .usage("'\(name)' needs a positive number")
            }
            return value
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "e2e", "micro", "startup": options.sections.append(argument)
            case "--messages": options.messages = try number(argument)
            case "--long": options.long = true
            case "--e2e-runs": options.e2eRuns = try number(argument)
            case "--runs": options.runs = try number(argument)
            case "--spawns": options.spawns = try number(argument)
            case "--no-pin": options.pin = false
            case "--bin":
                guard let directory = remaining.popFirst() else { throw .usage("'--bin' needs a directory") }
                options.binDirectory = directory
            case "--help", "-h":
                Report.line(usage)
                exit(0)
            default: throw .usage("unknown argument '\(argument)'")
            }
        }
        if options.sections.isEmpty { options.sections = ["e2e", "startup", "micro"] }
        if options.binDirectory.isEmpty { options.binDirectory = BenchOptions.ownDirectory() }
        return options
    }

    /// The path of the product `name` in the bin directory.
    func binary(_ name: String) -> String {
        binDirectory + "/" + name
    }

    /// `path` relative to the current directory when it lies inside it (for printed commands).
    func display(_ path: String) -> String {
        let cwd = BenchOptions.currentDirectory()
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }

    /// The directory holding this executable (`/proc/self/exe`).
    static func ownDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return "." }
        let path = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    /// The working directory (`getcwd`).
    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

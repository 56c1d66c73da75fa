import StreamerCore

/// Why `autobahn-client` stopped before the reports were written.
enum AutobahnError: Error, Equatable, CustomStringConvertible {
    /// `--help` was given: print the usage and exit 0.
    case help
    /// A bad command line.
    case usage(String)
    /// `--server` is not a ws:// URL.
    case badServerURL(String)
    /// The fuzzingserver could not be reached or broke off a control request.
    case control(path: String, WebSocketError)
    /// `/getCaseCount` answered something other than a number.
    case badCaseCount(String)

    var description: String {
        switch self {
        case .help: "help requested"
        case .usage(let message): "\(message) (see 'autobahn-client --help')"
        case .badServerURL(let text): "'\(text)' is not a ws:// URL"
        case .control(let path, let error): "\(path): \(error)"
        case .badCaseCount(let text): "/getCaseCount answered '\(text)', not a number"
        }
    }
}

/// Why a session file cannot be played.
enum ScriptError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalidLine(number: Int, reason: String)
    /// A `--routes` file holds more than `http-get` lines and comments.
    case notRoutesOnly

    var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read '\(path)': \(reason)"
        case .invalidLine(let number, let reason): "line \(number): \(reason)"
        case .notRoutesOnly: "a --routes file may hold only 'http-get' lines and comments"
        }
    }
}

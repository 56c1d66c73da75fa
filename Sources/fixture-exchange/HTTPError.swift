/// Why a client's HTTP request could not be read or understood.
enum HTTPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The client closed before finishing the request head.
    case closedEarly(bytesReceived: Int)
    case timedOut
    case headTooLarge(limit: Int)
    case notUTF8
    case malformedRequestLine(String)
    case malformedHeader(String)
    case connection(ConnectionError)

    var description: String {
        switch self {
        case .closedEarly(let count): "client closed after \(count) bytes of the request head"
        case .timedOut: "no complete request head within the time limit"
        case .headTooLarge(let limit): "request head over \(limit) bytes"
        case .notUTF8: "request head is not UTF-8"
        case .malformedRequestLine(let line): "malformed request line '\(EventLog.printable(line))'"
        case .malformedHeader(let line): "malformed header line '\(EventLog.printable(line))'"
        case .connection(let error): "\(error)"
        }
    }
}

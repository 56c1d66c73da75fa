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
    /// A body framing the fixture does not read: chunked, or a malformed `Content-Length`.
    case unsupportedBody(String)
    case bodyTooLarge(limit: Int)
    /// The client stopped sending (closed or timed out) before the declared body was complete.
    case bodyIncomplete(received: Int, expected: Int)

    var description: String {
        switch self {
        case .closedEarly(let count): "client closed after \(count) bytes of the request head"
        case .timedOut: "no complete request head within the time limit"
        case .headTooLarge(let limit): "request head over \(limit) bytes"
        case .notUTF8: "request head is not UTF-8"
        case .malformedRequestLine(let line): "malformed request line '\(EventLog.printable(line))'"
        case .malformedHeader(let line): "malformed header line '\(EventLog.printable(line))'"
        case .connection(let error): "\(error)"
        case .unsupportedBody(let framing): "unsupported request body framing: \(framing)"
        case .bodyTooLarge(let limit): "request body over \(limit) bytes"
        case .bodyIncomplete(let received, let expected): "request body ended after \(received) of \(expected) bytes"
        }
    }
}

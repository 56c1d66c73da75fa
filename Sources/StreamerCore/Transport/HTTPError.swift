/// Why an HTTP request (a REST snapshot, the market list, a one-shot query) failed; each case names the URL.
public enum HTTPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// DNS, TCP, TLS or socket I/O failed, or the response did not arrive in time.
    case transport(TransportError)
    /// The server answered with a status other than 200; `message` is the error text found in the body.
    case status(url: HTTPURL, code: Int, reason: String, message: String?)
    /// The server answered 3xx; redirects are never followed.
    case redirect(url: HTTPURL, location: String)
    /// The response is not valid HTTP/1.1, or it ended early.
    case malformed(url: HTTPURL, detail: String)
    /// The body is larger than the client's `maxBodyBytes`.
    case tooLarge(url: HTTPURL, limit: Int)
    /// The request could not be sent as asked (a header that would break the framing).
    case invalidRequest(url: HTTPURL, detail: String)
    /// SIGINT or SIGTERM arrived while waiting for the response.
    case interrupted(url: HTTPURL)

    public var description: String {
        switch self {
        case .transport(let error):
            "\(error)"
        case .status(let url, let code, let reason, let message):
            "\(url) answered \(code)\(reason.isEmpty ? "" : " \(reason)")"
                + Self.suffix(message, code: code, reason: reason)
        case .redirect(let url, let location) where location.isEmpty:
            "\(url) answered a redirect without a location; redirects are not followed"
        case .redirect(let url, let location):
            "\(url) was redirected to '\(location)'; redirects are not followed"
        case .malformed(let url, let detail):
            "\(url) sent a malformed HTTP response: \(detail)"
        case .tooLarge(let url, let limit):
            "\(url) sent a response body over \(limit) bytes"
        case .invalidRequest(let url, let detail):
            "cannot request \(url): \(detail)"
        case .interrupted(let url):
            "request to \(url) was interrupted"
        }
    }

    /// `: message`, unless the message only repeats the status line (an HTML page titled "404 Not Found").
    private static func suffix(_ message: String?, code: Int, reason: String) -> String {
        guard let message, !message.isEmpty, message != reason, message != "\(code) \(reason)" else { return "" }
        return ": \(message)"
    }
}

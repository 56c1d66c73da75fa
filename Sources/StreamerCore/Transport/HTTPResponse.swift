/// A complete HTTP/1.1 response: status line, header fields (names lower-cased) and the decoded body.
public struct HTTPResponse: Equatable, Sendable {
    /// The status code, such as 200.
    public var status: Int
    /// The reason phrase as sent (may be empty).
    public var reason: String
    /// Header fields in arrival order; names are lower-cased, values trimmed of optional whitespace.
    public var headers: [(name: String, value: String)]
    /// The body after removing the chunked framing, if any.
    public var body: [UInt8]

    /// A response with the given parts.
    public init(status: Int, reason: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// The value of header `name` (any case); several fields of that name are joined with ", " (RFC 9110 §5.3).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        let values = headers.filter { $0.name == wanted }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    public static func == (lhs: HTTPResponse, rhs: HTTPResponse) -> Bool {
        lhs.status == rhs.status && lhs.reason == rhs.reason && lhs.body == rhs.body
            && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
    }
}

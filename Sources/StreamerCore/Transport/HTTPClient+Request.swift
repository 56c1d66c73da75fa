extension HTTPClient {
    /// Header fields the client writes itself; a caller passing one would break the message framing.
    static let reservedHeaders: Set<String> = ["host", "content-length", "transfer-encoding", "connection"]

    /// The request bytes (RFC 9112 §3): request line, `Host`, `User-Agent`, `Accept: application/json`,
    /// `Accept-Encoding: identity`, `Connection: close`, then `headers` (replacing a default of the same
    /// name), then `Content-Type`/`Content-Length` when there is a body, and the body.
    static func request(
        method: String, url: HTTPURL, headers: [(String, String)], userAgent: String, body: [UInt8]? = nil,
        contentType: String? = nil
    ) throws(HTTPError) -> [UInt8] {
        var extra = headers
        if let contentType { extra.append(("Content-Type", contentType)) }
        for (name, value) in extra {
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenCharacter) else {
                throw .invalidRequest(
                    url: url, detail: "'\(HTTPResponseHead.printable(name.utf8))' is not a header name")
            }
            guard !reservedHeaders.contains(name.lowercased()) else {
                throw .invalidRequest(url: url, detail: "header '\(name)' is set by the client itself")
            }
            guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw .invalidRequest(url: url, detail: "the value of header '\(name)' contains a line break")
            }
        }
        let overridden = Set(extra.map { $0.0.lowercased() })
        let defaults = [("User-Agent", userAgent), ("Accept", "application/json"), ("Accept-Encoding", "identity")]
            .filter { !overridden.contains($0.0.lowercased()) }
        var fields = [("Host", url.hostHeader)] + defaults + [("Connection", "close")] + extra
        if let body { fields.append(("Content-Length", String(body.count))) }
        var text = "\(method) \(url.target) HTTP/1.1\r\n"
        for (name, value) in fields { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        return Array(text.utf8) + (body ?? [])
    }

    /// RFC 9110 §5.6.2 `tchar`.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

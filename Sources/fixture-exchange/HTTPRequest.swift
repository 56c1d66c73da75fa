/// One HTTP header field as received or sent (RFC 9110 §5).
struct HeaderField: Equatable, Sendable {
    let name: String
    let value: String
}

/// A parsed HTTP/1.1 request head: the request line and header fields (RFC 9112 §3, §5).
struct HTTPRequest: Equatable, Sendable {
    let method: String
    let target: String
    let version: String
    let headers: [HeaderField]

    /// The first value of header `name`, compared case-insensitively (RFC 9110 §5.1).
    func value(of name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Whether the comma-separated header `name` lists `token`, as `Connection: keep-alive, Upgrade` lists `upgrade`.
    func lists(_ token: String, in name: String) -> Bool {
        headers.filter { $0.name.lowercased() == name.lowercased() }
            .flatMap { $0.value.split(separator: ",") }
            .contains { $0.trimmingSpaces().lowercased() == token.lowercased() }
    }

    /// Parses a request head: the text before the blank line, CRLF-separated.
    init(head: String) throws(HTTPError) {
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { throw .malformedRequestLine("") }
        let requestLine = lines.removeFirst()
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }), parts[2].hasPrefix("HTTP/") else {
            throw .malformedRequestLine(String(requestLine))
        }
        method = String(parts[0])
        target = String(parts[1])
        version = String(parts[2])
        var fields: [HeaderField] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                !line[..<colon].contains(" ")
            else { throw .malformedHeader(String(line)) }
            fields.append(
                HeaderField(
                    name: String(line[..<colon]), value: String(line[line.index(after: colon)...].trimmingSpaces()))
            )
        }
        headers = fields
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs (HTTP's optional whitespace, RFC 9110 §5.6.3).
    func trimmingSpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}

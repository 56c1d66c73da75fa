/// The status line and header section of a response (RFC 9112 §4, §5), and the body framing they imply.
struct HTTPResponseHead {
    /// How the body's end is found (RFC 9112 §6.3).
    enum Framing: Equatable {
        /// No body (204, 304).
        case none
        /// `Content-Length` bytes.
        case length(Int)
        /// `Transfer-Encoding: chunked`.
        case chunked
        /// Neither: the body ends when the server closes the connection.
        case untilEOF
    }

    let url: HTTPURL
    /// The status code.
    let status: Int
    /// The reason phrase, with control characters replaced.
    let reason: String
    /// Fields in order; names lower-cased, values trimmed, obsolete line folding joined with a space.
    let headers: [(name: String, value: String)]

    /// Parses the head `bytes` (up to and including the blank line).
    init(url: HTTPURL, bytes: ArraySlice<UInt8>) throws(HTTPError) {
        self.url = url
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let statusLine = lines.first else { throw .malformed(url: url, detail: "empty status line") }
        let parts = statusLine.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: false)
        let version = parts[0]
        guard parts.count >= 2, version.count == 8, version.starts(with: Array("HTTP/1.".utf8)),
            let minor = version.last, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(minor),
            parts[1].count == 3, let code = Int(String(decoding: parts[1], as: UTF8.self)), (100...599).contains(code)
        else {
            throw .malformed(url: url, detail: "status line '\(Self.printable(statusLine))' is not HTTP/1.x")
        }
        status = code
        reason = parts.count == 3 ? Self.printable(parts[2]) : ""
        var fields: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            let text = String(decoding: line, as: UTF8.self)
            if line.first == 0x20 || line.first == 0x09 {  // obs-fold (RFC 9112 §5.2): replace with a space
                guard let last = fields.popLast() else {
                    throw .malformed(url: url, detail: "header section starts with a continuation line")
                }
                fields.append((last.name, "\(last.value) \(text.trimmingSpaces())"))
                continue
            }
            guard let colon = text.firstIndex(of: ":"), colon != text.startIndex,
                !text[..<colon].contains(where: { $0 == " " || $0 == "\t" })
            else { throw .malformed(url: url, detail: "header line '\(Self.printable(line))' has no 'name:'") }
            fields.append((text[..<colon].lowercased(), text[text.index(after: colon)...].trimmingSpaces()))
        }
        headers = fields
    }

    /// All values of `name` (lower-case), split at commas and trimmed.
    private func listValues(_ name: String) -> [String] {
        headers.filter { $0.name == name }.flatMap { $0.value.split(separator: ",") }.map { $0.trimmingSpaces() }
    }

    /// The body framing; refuses codings this client never asked for and oversized declared lengths.
    func framing(maxBodyBytes: Int) throws(HTTPError) -> Framing {
        let contentCodings = listValues("content-encoding").filter { !$0.isEmpty && $0.lowercased() != "identity" }
        guard contentCodings.isEmpty else {
            let codings = contentCodings.joined(separator: ", ")
            throw .malformed(url: url, detail: "the body is '\(codings)'-encoded although only identity was accepted")
        }
        if status == 204 || status == 304 { return .none }
        let transferCodings = listValues("transfer-encoding").filter { !$0.isEmpty }
        if !transferCodings.isEmpty {  // wins over Content-Length (RFC 9112 §6.3 rule 3)
            guard transferCodings.map({ $0.lowercased() }) == ["chunked"] else {
                let codings = transferCodings.joined(separator: ", ")
                throw .malformed(url: url, detail: "unsupported Transfer-Encoding '\(codings)'")
            }
            return .chunked
        }
        let lengths = listValues("content-length")
        guard let first = lengths.first else { return .untilEOF }
        guard lengths.allSatisfy({ $0 == first }), first.count <= 18, first.utf8.allSatisfy({ $0 &- 0x30 < 10 }),
            let length = Int(first)
        else {
            throw .malformed(url: url, detail: "invalid Content-Length '\(lengths.joined(separator: ", "))'")
        }
        guard length <= maxBodyBytes else { throw .tooLarge(url: url, limit: maxBodyBytes) }
        return .length(length)
    }

    /// `bytes` as one printable line of at most `limit` characters (control characters become spaces).
    static func printable(_ bytes: some Collection<UInt8>, limit: Int = 200) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        let cleaned = String(
            text.unicodeScalars.prefix(limit).map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
        return cleaned
    }
}

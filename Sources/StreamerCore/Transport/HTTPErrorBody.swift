/// Finds the human-readable error in an error response's body, for `HTTPError.status`.
///
/// A JSON object's `reason`, `message` or `error` (Bitstamp: `{"status": "error", "reason": "...", "code":
/// "API0005"}`, with the code appended); otherwise the first line of text, HTML tags removed (Bitstamp answers
/// an unknown pair with an nginx HTML page). JSON is read with the project's scanner (JSON/ depends on nothing).
enum HTTPErrorBody {
    /// The longest message kept, in characters.
    static let maxLength = 200

    /// How much of the body is looked at: error pages are short, and a huge one must not cost much.
    static let maxScannedBytes = 64 << 10

    /// The message in `fullBody` (its first `maxScannedBytes`), or nil when it is empty or says nothing.
    static func message(in fullBody: [UInt8], contentType: String?) -> String? {
        let body = fullBody.prefix(maxScannedBytes)
        let start = body.firstIndex { !isWhitespace($0) } ?? body.endIndex
        if start < body.endIndex, body[start] == UInt8(ascii: "{"), let message = jsonMessage(body[start...]) {
            return clipped(message)
        }
        let isHTML =
            (contentType?.lowercased().contains("html") ?? false)
            || (start < body.endIndex && body[start] == UInt8(ascii: "<"))
        let text = String(decoding: body, as: UTF8.self)
        return firstLine(isHTML ? stripTags(text) : text)
    }

    /// The error text of a JSON object, with its code in parentheses.
    ///
    /// The text is the first of `reason`, `message`, `error`, `response_explanation`: a string, or the first
    /// string inside an object or array such as Bitstamp's `{"__all__": ["..."]}`. The code is `code` or
    /// Bitstamp's `response_code` (`400.002` for a rate limit).
    static func jsonMessage(_ bytes: ArraySlice<UInt8>) -> String? {
        let members: [(key: String, text: String)] = Array(bytes).withUnsafeBytes { raw in
            guard let root = try? JSONScanner.document(raw), root.kind == .object else { return [] }
            var found: [(String, String)] = []
            var iterator = JSONScanner.members(of: root, in: raw)
            while let (key, value) = iterator.next() {
                if value.kind == .number {
                    found.append((key.text(in: raw), value.text(in: raw)))  // codes such as 400.002
                } else if let text = firstText(value, in: raw) {
                    found.append((key.text(in: raw), text))
                }
            }
            return found
        }
        func value(_ keys: [String]) -> String? {
            keys.lazy.compactMap { key in members.first { $0.key == key && !$0.text.isEmpty }?.text }.first
        }
        guard let message = value(["reason", "message", "error", "response_explanation"]) else { return nil }
        guard let code = value(["code", "response_code"]) else { return message }
        return "\(message) (\(code))"
    }

    /// A string's text, or the first string inside an object or array.
    private static func firstText(_ token: JSONToken, in raw: UnsafeRawBufferPointer) -> String? {
        switch token.kind {
        case .string: return token.text(in: raw)
        case .array:
            var elements = JSONScanner.elements(of: token, in: raw)
            while let element = elements.next() { if let text = firstText(element, in: raw) { return text } }
            return nil
        case .object:
            var members = JSONScanner.members(of: token, in: raw)
            while let (_, value) = members.next() { if let text = firstText(value, in: raw) { return text } }
            return nil
        case .number, .bool, .null: return nil
        }
    }

    /// The first line with visible text, whitespace collapsed, clipped to `maxLength`.
    static func firstLine(_ text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            let words = line.split { $0.isWhitespace || $0.unicodeScalars.allSatisfy { $0.value < 0x20 } }
            if !words.isEmpty { return clipped(words.joined(separator: " ")) }
        }
        return nil
    }

    /// `text` cut to `maxLength` characters, with "..." when it was longer.
    static func clipped(_ text: String) -> String {
        text.count <= maxLength ? text : String(text.prefix(maxLength - 3)) + "..."
    }

    /// HTML reduced to its text: tags dropped (block tags become line breaks), `script`/`style` content and
    /// comments dropped, the common entities decoded.
    static func stripTags(_ html: String) -> String {
        var out = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            rest = rest[open...]
            if rest.hasPrefix("<!--") {
                rest = rest.firstRange(of: "-->").map { rest[$0.upperBound...] } ?? ""
                continue
            }
            guard let close = rest.firstIndex(of: ">") else {
                rest = ""
                break
            }
            let isClosing = rest.dropFirst().first == "/"
            let name = rest.dropFirst(isClosing ? 2 : 1).prefix { $0.isLetter || $0.isNumber }.lowercased()
            rest = rest[rest.index(after: close)...]
            if !isClosing, name == "script" || name == "style" {
                rest = rest.firstRange(of: "</\(name)").map { rest[$0.lowerBound...] } ?? ""
            }
            if blockTags.contains(name) { out += "\n" }
        }
        out += rest
        return decodeEntities(out)
    }

    private static let blockTags: Set<String> = [
        "br", "p", "div", "title", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "hr", "center", "body", "head",
        "html", "pre", "table", "ul", "ol", "section", "header", "footer", "main",
    ]

    private static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let entities = [
            ("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"),
            ("&apos;", "'"), ("&amp;", "&"),
        ]
        var result = text
        for (entity, replacement) in entities { result = result.replacing(entity, with: replacement) }
        return result
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

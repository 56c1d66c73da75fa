/// One JSON-object line of a recording, read with `JSONScanner`.
///
/// Its members by key, with typed accessors whose failures name the key. Valid only inside `parse`'s body (it
/// points into the line's bytes).
struct RecordingLine {
    private let raw: UnsafeRawBufferPointer
    private let members: [String: JSONToken]

    /// Runs `body` over the members of `line`, which must be one JSON object (RFC 8259).
    static func parse<T>(_ line: [UInt8], _ body: (RecordingLine) throws(RecordingError.Problem) -> T)
        throws(RecordingError.Problem) -> T
    {
        var outcome: Result<T, RecordingError.Problem> = .failure(.malformed("empty line"))
        line.withUnsafeBytes { raw in
            do throws(RecordingError.Problem) {
                let root: JSONToken
                do { root = try JSONScanner.document(raw) } catch { throw .malformed("\(error)") }
                guard root.kind == .object else { throw .malformed("expected a JSON object") }
                var members: [String: JSONToken] = [:]
                var iterator = JSONScanner.members(of: root, in: raw)
                while let (key, value) = iterator.next() { members[key.text(in: raw)] = value }
                outcome = .success(try body(RecordingLine(raw: raw, members: members)))
            } catch {
                outcome = .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Whether the line has `key` (with any value, null included).
    func has(_ key: String) -> Bool { members[key] != nil }

    /// Whether `key` is absent or null.
    func isNull(_ key: String) -> Bool { members[key].map { $0.kind == .null } ?? true }

    /// The whole number at `key`.
    func integer(_ key: String) throws(RecordingError.Problem) -> Int64 {
        guard let token = members[key] else { throw .malformed("missing \"\(key)\"") }
        guard token.kind == .number, let value = token.int64(in: raw) else {
            throw .malformed("\"\(key)\" must be a whole number")
        }
        return value
    }

    /// The whole number at `key`, or nil when it is absent or null.
    func optionalInteger(_ key: String) throws(RecordingError.Problem) -> Int64? {
        isNull(key) ? nil : try integer(key)
    }

    /// The string at `key`, escapes resolved.
    func string(_ key: String) throws(RecordingError.Problem) -> String {
        guard let token = members[key] else { throw .malformed("missing \"\(key)\"") }
        guard token.kind == .string else { throw .malformed("\"\(key)\" must be a string") }
        return token.text(in: raw)
    }

    /// The bytes of the string at `key`, escapes resolved (exactly what was recorded).
    func bytes(_ key: String) throws(RecordingError.Problem) -> [UInt8] {
        guard let token = members[key] else { throw .malformed("missing \"\(key)\"") }
        guard token.kind == .string else { throw .malformed("\"\(key)\" must be a string") }
        return token.hasEscapes ? Array(token.text(in: raw).utf8) : Array(token.bytes(in: raw))
    }

    /// The boolean at `key`; false when absent.
    func flag(_ key: String) throws(RecordingError.Problem) -> Bool {
        guard let token = members[key] else { return false }
        switch token.text(in: raw) {
        case "true" where token.kind == .bool: return true
        case "false" where token.kind == .bool: return false
        default: throw .malformed("\"\(key)\" must be true or false")
        }
    }

    /// The members of each object in the array at `key`.
    func objects(_ key: String) throws(RecordingError.Problem) -> [RecordingLine] {
        guard let token = members[key] else { throw .malformed("missing \"\(key)\"") }
        guard token.kind == .array else { throw .malformed("\"\(key)\" must be an array") }
        var result: [RecordingLine] = []
        var elements = JSONScanner.elements(of: token, in: raw)
        while let element = elements.next() {
            guard element.kind == .object else { throw .malformed("\"\(key)\" must hold objects") }
            var members: [String: JSONToken] = [:]
            var iterator = JSONScanner.members(of: element, in: raw)
            while let (name, value) = iterator.next() { members[name.text(in: raw)] = value }
            result.append(RecordingLine(raw: raw, members: members))
        }
        return result
    }
}

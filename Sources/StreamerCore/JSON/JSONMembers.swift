/// The members of one JSON object by name, for slow paths (private channels, replies) where clarity beats the hot
/// path's single pass; values stay tokens into the message, read on demand.
struct JSONMembers {
    let message: UnsafeRawBufferPointer
    private var tokens: [String: JSONToken] = [:]

    /// The members of `object` in `message` (the last of duplicate names wins).
    init(_ object: JSONToken, in message: UnsafeRawBufferPointer) {
        self.message = message
        var members = JSONScanner.members(of: object, in: message)
        while let (key, value) = members.next() { tokens[key.text(in: message)] = value }
    }

    /// The raw token of `name`, if present and not null.
    subscript(_ name: String) -> JSONToken? {
        guard let token = tokens[name], token.kind != .null else { return nil }
        return token
    }

    /// `name` as text (a string's value or a number's digits).
    func text(_ name: String) -> String? { self[name]?.identifier(in: message) }

    /// `name` as an exact decimal.
    func decimal(_ name: String) -> DecimalString? { self[name]?.decimal(in: message) }

    /// `name` as a whole number (from a number or a numeric string).
    func int64(_ name: String) -> Int64? { self[name]?.int64(in: message) }

    /// `name` as a boolean, if it is one.
    func bool(_ name: String) -> Bool? {
        guard let token = self[name], token.kind == .bool else { return nil }
        return token.text(in: message) == "true"
    }
}

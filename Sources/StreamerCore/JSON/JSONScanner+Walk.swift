extension JSONScanner {
    /// Opens the object at the next non-whitespace byte so the caller can walk it member by member, validating as it
    /// goes: one pass over a message instead of `document`, then `members`, then `members` again.
    ///
    /// Returns the object's first byte, or nil (having read nothing but whitespace) when the next value is not an
    /// object. The walk fails at exactly the byte, and with the words, `document` would.
    mutating func openObject(depth: Int) throws(JSONError) -> Int? {
        guard peekSignificant() == UInt8(ascii: "{") else { return nil }
        try checkDepth(depth)
        index += 1
        return index - 1
    }

    /// The next key of the object being walked, leaving the scanner after its `:`; nil once the closing `}` is read.
    ///
    /// The caller must read the member's value (`value(depth:)` or a nested walk) before asking for the next key.
    @inline(always)
    mutating func nextKey(isFirst: Bool) throws(JSONError) -> JSONToken? {
        var next = peekSignificant()
        if next == UInt8(ascii: "}") {
            index += 1
            return nil
        }
        if !isFirst {
            guard next == UInt8(ascii: ",") else { throw fail("',' or '}'") }
            index += 1
            next = peekSignificant()
        }
        guard next == UInt8(ascii: "\"") else { throw fail("a string key") }
        let key: JSONToken
        if let plain = plainString() { key = plain } else { key = try string() }
        guard peekSignificant() == UInt8(ascii: ":") else { throw fail("':'") }
        index += 1
        return key
    }

    /// Requires nothing but whitespace after the value just read (the end of a document).
    mutating func finishDocument() throws(JSONError) {
        skipWhitespace()
        guard index == bytes.count else { throw fail("end of input") }
    }
}

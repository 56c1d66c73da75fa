import Testing

@testable import StreamerCore

/// `JSONToken.isString(_: StaticString, in:)` compares a word at a time: every length, every differing byte.
@Suite struct JSONTokenLiteralTests {
    /// Literals of 0 to 26 bytes: the word-compare paths (under 4, 4–7, 8–16, longer) and their edges.
    static let literals: [StaticString] = [
        "", "a", "id", "abc", "type", "price", "id_str", "channel", "price_str", "amount_str", "buy_order_id",
        "sell_order_id", "microtimestamp", "fifteen_bytes_x", "sixteen_bytes_xy", "seventeen_bytes_x",
        "bts:subscription_succeeded",
    ]

    /// Whether the string token of `text` (quoted and scanned) equals `literal`.
    private func matches(_ text: [UInt8], _ literal: StaticString) throws -> Bool {
        try ([UInt8(ascii: "\"")] + text + [UInt8(ascii: "\"")]).withUnsafeBytes { bytes in
            try JSONScanner.document(bytes).isString(literal, in: bytes)
        }
    }

    @Test(arguments: literals)
    func matchesItsOwnTextAndNothingOneByteOff(_ literal: StaticString) throws {
        let text = literal.withUTF8Buffer { Array($0) }
        #expect(try matches(text, literal))
        for index in text.indices {
            var changed = text
            changed[index] ^= 0x01
            #expect(try !matches(changed, literal), "byte \(index) of \(literal)")
        }
        #expect(try !matches(text + [UInt8(ascii: "x")], literal))
        if !text.isEmpty { #expect(try !matches(Array(text.dropLast()), literal)) }
    }

    /// Whether the string token of `text` equals the bytes `expected` (the word-at-a-time compare of channel names).
    private func matches(_ text: [UInt8], bytes expected: [UInt8]) throws -> Bool {
        try ([UInt8(ascii: "\"")] + text + [UInt8(ascii: "\"")]).withUnsafeBytes { bytes in
            try JSONScanner.document(bytes).isString(expected, in: bytes)
        }
    }

    @Test(arguments: literals)
    func matchesItsOwnBytesAndNothingOneByteOff(_ literal: StaticString) throws {
        let text = literal.withUTF8Buffer { Array($0) }
        #expect(try matches(text, bytes: text))
        for index in text.indices {
            var changed = text
            changed[index] ^= 0x01
            #expect(try !matches(changed, bytes: text), "byte \(index) of \(literal)")
        }
        #expect(try !matches(text + [UInt8(ascii: "x")], bytes: text))
        if !text.isEmpty { #expect(try !matches(Array(text.dropLast()), bytes: text)) }
    }
}

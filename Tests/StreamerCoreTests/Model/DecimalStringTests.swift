import Testing

@testable import StreamerCore

/// The `DecimalString` grammar, exact text and text equality.
@Suite struct DecimalStringTests {
    /// Text matching `-?(0|[1-9][0-9]*)(\.[0-9]+)?`.
    static let valid = ["0", "0.07920000", "97001.10", "-1.5", "123", "-0", "0.0", "77204", "1.15979", "-0.00000001"]

    /// Text that does not match the grammar: exponents, signs, stray separators, padding, non-ASCII digits.
    static let invalid = [
        "", "-", "01", "1.", ".5", "1e5", "+1", "1.2.3", " 1", "0x1", "NaN", "1,5",
        "1 ", "-01", "00", "--1", "1.-5", "-.5", "1E5", "Infinity", "١", "１", "1\n", "0.5e10",
    ]

    @Test(arguments: valid)
    func acceptsPlainDecimalText(_ text: String) throws {
        let decimal = try #require(DecimalString(text))
        #expect(decimal.text == text)
    }

    @Test(arguments: invalid)
    func rejectsTextOutsideTheGrammar(_ text: String) {
        #expect(DecimalString(text) == nil)
    }

    @Test(arguments: valid)
    func acceptsTheSameGrammarFromWireBytes(_ text: String) throws {
        let decimal = try Array(text.utf8).withUnsafeBytes { try #require(DecimalString(bytes: $0)) }
        #expect(decimal.text == text)
    }

    @Test(arguments: invalid)
    func rejectsTheSameTextFromWireBytes(_ text: String) {
        let decimal = Array(text.utf8).withUnsafeBytes { DecimalString(bytes: $0) }
        #expect(decimal == nil)
    }

    @Test func keepsTrailingZerosOfThePrice() throws {
        let amount = try #require(DecimalString("0.07920000"))
        #expect(amount.text == "0.07920000")
        #expect(amount.description == "0.07920000")
        #expect("\(amount)" == "0.07920000")
    }

    /// Texts around the 23 bytes kept inline, and longer ones kept as a `String`.
    @Test(arguments: [
        "1234567.1234567890123", "12345678.1234567890123", "123456789.1234567890123", "0.0000000000000000000001",
        "-123456789012345678901234567890.123456789",
    ])
    func keepsLongAndShortTextTheSameWay(_ text: String) throws {
        let decimal = try #require(DecimalString(text))
        let fromBytes = try Array(text.utf8).withUnsafeBytes { try #require(DecimalString(bytes: $0)) }
        #expect(decimal.text == text && fromBytes.text == text)
        #expect(decimal.withUTF8 { Array($0) } == Array(text.utf8))
        #expect(fromBytes == decimal && fromBytes.hashValue == decimal.hashValue)
        #expect(DecimalString(trusted: text) == decimal)
    }

    @Test func comparesByTextSoEqualValuesWithOtherDigitsDiffer() throws {
        let short = try #require(DecimalString("97001.1"))
        let padded = try #require(DecimalString("97001.10"))
        let again = try #require(DecimalString("97001.10"))
        #expect(short != padded)
        #expect(padded == again)
        #expect(Set([short, padded, again]).count == 2)
    }
}

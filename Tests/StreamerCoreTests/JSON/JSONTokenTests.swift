import Testing

@testable import StreamerCore

/// Parses `json` as one document and passes its bytes and root token to `body`.
private func withToken<R>(_ json: String, _ body: (UnsafeRawBufferPointer, JSONToken) throws -> R) throws -> R {
    try Array(json.utf8).withUnsafeBytes { bytes in try body(bytes, try JSONScanner.document(bytes)) }
}

/// The value of member `key` in the `data` object of `json`.
private func withDataMember<R>(
    _ key: StaticString, of json: String, _ body: (UnsafeRawBufferPointer, JSONToken) throws -> R
) throws -> R {
    try withToken(json) { bytes, root in
        var top = JSONScanner.members(of: root, in: bytes)
        while let member = top.next() {
            guard member.key.isString("data", in: bytes) else { continue }
            var fields = JSONScanner.members(of: member.value, in: bytes)
            while let field = fields.next() {
                if field.key.isString(key, in: bytes) { return try body(bytes, field.value) }
            }
        }
        throw JSONError.malformed(offset: 0, expected: "data.\(key)")
    }
}

/// Reading strings, integers, decimals and ids out of tokens without losing digits.
@Suite struct JSONTokenTests {
    /// The perpetual trade of exchange-messages.md §A.3 (NEM-BS §6): an id beyond 2^53 as number and string.
    static let perpTrade = """
        {"data": {"id": 2001939623936278528, "id_str": "2001939623936278528", "type": 0, \
        "sell_order_id": 2050545352740993, "buy_order_id": 2050545360601216, "amount": 0.00921, \
        "amount_str": "0.00921", "price": 77204, "price_str": "77204", "microtimestamp": "1789456400586000", \
        "timestamp": "1789456400586"}, "channel": "live_trades_btcusd-perp", "event": "trade"}
        """

    @Test func spansAStringWithoutItsQuotes() throws {
        let (start, end, raw) = try withToken(#"  "trade" "#) { bytes, token in
            (token.start, token.end, Array(token.bytes(in: bytes)))
        }
        #expect(start == 3)
        #expect(end == 8)
        #expect(raw == Array("trade".utf8))
    }

    @Test(arguments: [
        (#""trade""#, "trade", true), (#""trade""#, "trades", false), (#""trade""#, "trad", false),
        (#""trade""#, "Trade", false), (#""""#, "", true), ("5", "5", false), ("true", "true", false),
        (#""tr\u0061de""#, "trade", false), (#""bts:heartbeat""#, "bts:heartbeat", true),
    ])
    func matchesOnlyAnUnescapedStringWithExactlyTheseBytes(json: String, literal: String, matches: Bool) throws {
        let result = try withToken(json) { bytes, token in token.isString(Array(literal.utf8), in: bytes) }
        #expect(result == matches)
    }

    @Test func matchesAStaticStringLiteral() throws {
        let results = try withToken(#""trade""#) { bytes, token in
            [token.isString("trade", in: bytes), token.isString("trades", in: bytes), token.isString("", in: bytes)]
        }
        #expect(results == [true, false, false])
        let escaped = try withToken(#""tr\u0061de""#) { bytes, token in token.isString("trade", in: bytes) }
        #expect(escaped == false)
    }

    @Test(arguments: [
        (#""a\"b""#, "a\"b"), (#""a\\b""#, "a\\b"), (#""line\nnext""#, "line\nnext"), (#""caf\u00e9""#, "café"),
        (#""caf\u00C9""#, "cafÉ"), (#""\ud83d\ude00""#, "😀"), (#""\uD83D\uDE00!""#, "😀!"), (#""\/""#, "/"),
        (#""\b\f\r\t""#, "\u{08}\u{0C}\r\t"), (#""\u0000""#, "\u{0}"), (#""plain é 😀""#, "plain é 😀"),
        (#""x\u0041\u0042y""#, "xABy"), ("1.50", "1.50"), ("null", "null"),
    ])
    func decodesEscapesInTheTextOfAString(json: String, text: String) throws {
        #expect(try withToken(json) { bytes, token in token.text(in: bytes) } == text)
    }

    @Test(arguments: [
        ("42", Int64(42)), ("-5", -5), (#""-5""#, -5), ("0", 0), ("-0", 0),
        (#""1641343699596000""#, 1_641_343_699_596_000),
        ("2001939623936278531", 2_001_939_623_936_278_531), ("9223372036854775807", Int64.max),
        ("-9223372036854775807", -Int64.max), (#""9223372036854775807""#, Int64.max),
        ("999999999999999999", 999_999_999_999_999_999), ("-999999999999999999", -999_999_999_999_999_999),
        ("1000000000000000000", 1_000_000_000_000_000_000), (#""00000000000000000042""#, 42),
        ("12345678", 12_345_678), ("-90000009", -90_000_009), (#""1234567890123456""#, 1_234_567_890_123_456),
        ("12345678901234567", 12_345_678_901_234_567),
    ])
    func readsAnIntegerFromANumberOrADigitString(json: String, value: Int64) throws {
        #expect(try withToken(json) { bytes, token in token.int64(in: bytes) } == value)
    }

    @Test(arguments: [
        "9223372036854775808", "99999999999999999999", #""9223372036854775808""#, "1.5", #""1.5""#, "1e3", "-1e3",
        #""""#, #""-""#, #""--5""#, #""12a""#, #""12345678901234567a""#, #""1234567890123456789a""#, #"" 12""#,
        #""+12""#, #""\u0031""#, "true", "null", "[1]", "{}", #""1234a678""#, #""/2345678""#, #""1234567:""#,
        #""12345678901234 6""#, #""1795000000000000.""#,
    ])
    func readsNoIntegerFromAnythingElseOrOnOverflow(_ json: String) throws {
        #expect(try withToken(json) { bytes, token in token.int64(in: bytes) } == nil)
    }

    @Test func readsEightDigitsAtOnceAndNothingElse() {
        func word(_ text: [UInt8]) -> UInt64 { text.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) } }
        for value: UInt64 in [0, 1, 7, 10_000_000, 12_345_678, 87_654_321, 90_000_009, 99_999_999] {
            let digits = String(value)
            #expect(
                JSONToken.eightDigits(word(Array((String(repeating: "0", count: 8 - digits.count) + digits).utf8)))
                    == value)
        }
        for position in 0..<8 {
            for byte in UInt8.min...UInt8.max where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                var text = Array("12345678".utf8)
                text[position] = byte
                #expect(JSONToken.eightDigits(word(text)) == nil, "byte \(byte) at \(position)")
            }
        }
    }

    @Test func readsTheSmallestInt64() throws {
        let value = try withToken("-9223372036854775808") { bytes, token in token.int64(in: bytes) }
        #expect(value == Int64.min)
    }

    @Test(arguments: [
        (#""0.07920000""#, "0.07920000"), ("3805.44", "3805.44"), ("77204", "77204"), ("-1.5", "-1.5"),
        (#""97001.10""#, "97001.10"), ("0", "0"),
    ])
    func readsAnExactDecimalFromAStringOrANumber(json: String, text: String) throws {
        let decimal = try withToken(json) { bytes, token in token.decimal(in: bytes) }
        #expect(decimal?.text == text)
    }

    @Test(arguments: [
        "1e5", "1.5E-3", #""abc""#, #""""#, #""1.""#, #""01""#, #""\u0031""#, "null", "true", "[1]", "{}",
    ])
    func readsNoDecimalFromAnythingButPlainDecimalText(_ json: String) throws {
        #expect(try withToken(json) { bytes, token in token.decimal(in: bytes) } == nil)
    }

    @Test func readsTheExactPriceAndAmountStringsOfABitstampTrade() throws {
        let price = try withDataMember("price_str", of: Self.perpTrade) { bytes, token in token.decimal(in: bytes) }
        let amount = try withDataMember("amount_str", of: Self.perpTrade) { bytes, token in token.decimal(in: bytes) }
        #expect(price?.text == "77204")
        #expect(amount?.text == "0.00921")
    }

    @Test func keepsAnIDBeyondTwoToTheFiftyThirdExactly() throws {
        let number = try withDataMember("id", of: Self.perpTrade) { bytes, token in token.identifier(in: bytes) }
        let string = try withDataMember("id_str", of: Self.perpTrade) { bytes, token in token.identifier(in: bytes) }
        #expect(number == "2001939623936278528")
        #expect(string == "2001939623936278528")
    }

    @Test func keepsAnIDThatADoubleWouldRound() throws {
        // 2001939623936278531 is not a multiple of 256, so a Double (53-bit mantissa) cannot hold it.
        let id = try withToken("2001939623936278531") { bytes, token in token.identifier(in: bytes) }
        #expect(id == "2001939623936278531")
        #expect(Int64(exactly: Double(2_001_939_623_936_278_531)) != 2_001_939_623_936_278_531)
    }

    @Test(arguments: [
        (#""8b7c2a9e-4d1f-4e3a-9c55-0123456789ab""#, "8b7c2a9e-4d1f-4e3a-9c55-0123456789ab"),
        ("216000477", "216000477"),
    ])
    func usesAStringOrNumberAsAnIdentifier(json: String, id: String) throws {
        #expect(try withToken(json) { bytes, token in token.identifier(in: bytes) } == id)
    }

    @Test(arguments: ["true", "null", "{}", "[1]"])
    func hasNoIdentifierForOtherKinds(_ json: String) throws {
        #expect(try withToken(json) { bytes, token in token.identifier(in: bytes) } == nil)
    }
}

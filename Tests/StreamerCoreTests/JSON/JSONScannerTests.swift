import Testing

@testable import StreamerCore

/// Parses `text` as one document and passes its bytes and root token to `body`.
private func withDocument<R>(
    _ text: String, _ body: (UnsafeRawBufferPointer, JSONToken) throws -> R
) throws -> R {
    try Array(text.utf8).withUnsafeBytes { bytes in try body(bytes, try JSONScanner.document(bytes)) }
}

/// The key texts, value kinds and value texts of `object`, in order.
private func members(
    of object: JSONToken, in bytes: UnsafeRawBufferPointer
) -> [(key: String, kind: JSONToken.Kind, text: String)] {
    var iterator = JSONScanner.members(of: object, in: bytes)
    var found: [(key: String, kind: JSONToken.Kind, text: String)] = []
    while let member = iterator.next() {
        found.append((member.key.text(in: bytes), member.value.kind, member.value.text(in: bytes)))
    }
    return found
}

/// The element tokens of `array`, in order.
private func elements(of array: JSONToken, in bytes: UnsafeRawBufferPointer) -> [JSONToken] {
    var iterator = JSONScanner.elements(of: array, in: bytes)
    var found: [JSONToken] = []
    while let element = iterator.next() { found.append(element) }
    return found
}

/// Document validation and member/element iteration over real Bitstamp messages.
@Suite struct JSONScannerTests {
    /// The live trade of exchange-messages.md §A.3, verbatim from cryptofeed's capture (CF-WS).
    static let spotTrade = """
        {"data":{"id":216000477,"timestamp":"1641343699","amount":0.0792,"amount_str":"0.07920000","price":3805.44,\
        "price_str":"3805.44","type":0,"microtimestamp":"1641343699596000","buy_order_id":1443875737346049,\
        "sell_order_id":1443875731320832},"channel":"live_trades_ethusd","event":"trade"}
        """

    /// The diff book message of exchange-messages.md §A.3, verbatim (CF-WS).
    static let diffBook = """
        {"data":{"timestamp":"1641343691","microtimestamp":"1641343691244908","bids":[["1.15979","993.02588113"],\
        ["1.14866","7758.51900928"]],"asks":[["1.16601","1200.00000000"]]},"channel":"diff_order_book_bateur",\
        "event":"data"}
        """

    static let validDocuments = [
        "{}", "[]", "{\"a\":1}", "[1,2,3]", "\"s\"", "0", "-0", "1.5", "-1.5e-3", "1E+10", "0e0", "10.01E2", "true",
        "false", "null", "{\"\":\"\"}", "{\"a\":1,\"a\":2}", " \t\r\n{\"a\" : [ 1 , { \"b\" : null } ] } \n",
        #"{"esc":"\" \\ \/ \b \f \n \r \t \u00e9 \uD83D\uDE00"}"#, "{\"a\":{\"b\":{\"c\":[[]]}}}", "[\"é\",\"😀\"]",
        "[\"\u{7F}\"]", spotTrade, diffBook,
        #"{"event": "bts:heartbeat", "channel": "", "data": {"status": "success"}}"#,
        #"{"event": "bts:request_reconnect", "channel": "", "data": null}"#,
    ]

    /// Malformed input and the byte offset where the scanner must stop.
    static let malformedDocuments: [(String, Int)] = [
        ("", 0), ("   ", 3), ("{\"a\":1,}", 7), ("[1,]", 3), ("{\"a\" 1}", 5), ("{a:1}", 1), ("\"a\u{01}b\"", 2),
        ("[\"tab\there\"]", 5), (#""\x""#, 2), (#""\u12""#, 5), (#""\u12G4""#, 5), ("01", 1), ("[01]", 2),
        ("-", 1), ("-a", 1), ("1.", 2), ("1.e5", 2), ("1e", 2), ("1e+", 3), (".5", 0), ("+1", 0), ("NaN", 0),
        ("'a'", 0), ("{\"a\":1} x", 8), ("{\"a\":1}}", 7), ("truex", 4), ("[1 2]", 3), ("{\"a\":1 \"b\":2}", 7),
        ("{\"a\":1", 6), ("{\"a\":", 5), ("\"abc", 4), (#""abc\"#, 5), ("[1,2", 4), ("tru", 0), ("nul", 0),
        ("[true,fals]", 6), ("{\"a\"}", 4), ("[}", 1), ("{]", 1),
    ]

    @Test(arguments: validDocuments)
    func acceptsAValidDocument(_ text: String) throws {
        let end = try withDocument(text) { _, token in token.end }
        #expect(end <= text.utf8.count)
    }

    @Test(arguments: malformedDocuments)
    func rejectsAMalformedDocumentAtTheOffendingByte(_ text: String, offset: Int) {
        let error = #expect(throws: JSONError.self) { try withDocument(text) { _, _ in } }
        guard case .malformed(let at, _) = error else { return }
        #expect(at == offset)
    }

    @Test func saysWhatItExpectedWhereItStopped() {
        let error = #expect(throws: JSONError.self) { try withDocument("{\"a\":1} x") { _, _ in } }
        #expect(error == .malformed(offset: 8, expected: "end of input"))
    }

    @Test(arguments: [1, 2, 63, 64])
    func acceptsNestingUpToSixtyFourLevels(_ depth: Int) throws {
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let objects = String(repeating: "{\"k\":", count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
        #expect(try withDocument(arrays) { _, token in token.kind } == .array)
        #expect(try withDocument(objects) { _, token in token.kind } == .object)
    }

    @Test(arguments: [65, 66, 10_000])
    func rejectsNestingDeeperThanSixtyFourLevels(_ depth: Int) {
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = #expect(throws: JSONError.self) { try withDocument(arrays) { _, _ in } }
        #expect(error == .malformed(offset: 64, expected: "less nesting"))
    }

    @Test func coversTheRootValueWithoutSurroundingWhitespace() throws {
        let (kind, start, end) = try withDocument("  {\"a\":1}\n") { _, token in (token.kind, token.start, token.end) }
        #expect(kind == .object)
        #expect(start == 2)
        #expect(end == 9)
    }

    @Test func iteratesTheMembersOfABitstampTradeInOrder() throws {
        let (top, data) = try withDocument(Self.spotTrade) { bytes, root in
            var iterator = JSONScanner.members(of: root, in: bytes)
            let first = iterator.next()
            let data = try #require(first).value
            return (members(of: root, in: bytes).map(\.key), members(of: data, in: bytes))
        }
        #expect(top == ["data", "channel", "event"])
        #expect(
            data.map(\.key) == [
                "id", "timestamp", "amount", "amount_str", "price", "price_str", "type", "microtimestamp",
                "buy_order_id", "sell_order_id",
            ])
        #expect(
            data.map(\.kind) == [
                .number, .string, .number, .string, .number, .string, .number, .string, .number, .number,
            ])
        #expect(
            data.map(\.text) == [
                "216000477", "1641343699", "0.0792", "0.07920000", "3805.44", "3805.44", "0", "1641343699596000",
                "1443875737346049", "1443875731320832",
            ])
    }

    @Test func readsTheValuesAfterANestedObject() throws {
        let top = try withDocument(Self.spotTrade) { bytes, root in members(of: root, in: bytes) }
        #expect(top.map(\.kind) == [.object, .string, .string])
        #expect(top.dropFirst().map(\.text) == ["live_trades_ethusd", "trade"])
    }

    @Test func iteratesNestedArraysOfBookLevels() throws {
        let bids = try withDocument(Self.diffBook) { bytes, root -> [[String]] in
            var top = JSONScanner.members(of: root, in: bytes)
            let first = top.next()
            var iterator = JSONScanner.members(of: try #require(first).value, in: bytes)
            while let member = iterator.next() {
                guard member.key.isString("bids", in: bytes) else { continue }
                return elements(of: member.value, in: bytes).map { level in
                    elements(of: level, in: bytes).map { $0.text(in: bytes) }
                }
            }
            return []
        }
        #expect(bids == [["1.15979", "993.02588113"], ["1.14866", "7758.51900928"]])
    }

    @Test func iteratesArrayElementsOfEveryKind() throws {
        let (kinds, texts) = try withDocument(#" [ 1 , "two", [3], {"four":4}, true, null, -5e2 ] "#) { bytes, root in
            let found = elements(of: root, in: bytes)
            return (found.map(\.kind), found.map { $0.text(in: bytes) })
        }
        #expect(kinds == [.number, .string, .array, .object, .bool, .null, .number])
        #expect(texts == ["1", "two", "[3]", "{\"four\":4}", "true", "null", "-5e2"])
    }

    @Test func toleratesWhitespaceAroundKeysColonsAndCommas() throws {
        let found = try withDocument("{ \"a\" :\t1 ,\n \"b\" : [ ] , \"c\":\"x\" }") { bytes, root in
            members(of: root, in: bytes)
        }
        #expect(found.map(\.key) == ["a", "b", "c"])
        #expect(found.map(\.text) == ["1", "[ ]", "x"])
    }

    @Test func findsNoMembersInAnEmptyObjectAndNoElementsInAnEmptyArray() throws {
        let memberCount = try withDocument("{ }") { bytes, root in members(of: root, in: bytes).count }
        let elementCount = try withDocument("[ ]") { bytes, root in elements(of: root, in: bytes).count }
        #expect(memberCount == 0)
        #expect(elementCount == 0)
    }

    @Test func findsNothingWhenAskedForMembersOfAnArrayOrElementsOfAnObject() throws {
        let memberCount = try withDocument("[\"a\",1]") { bytes, root in members(of: root, in: bytes).count }
        let elementCount = try withDocument("{\"a\":1}") { bytes, root in elements(of: root, in: bytes).count }
        #expect(memberCount == 0)
        #expect(elementCount == 0)
    }
}

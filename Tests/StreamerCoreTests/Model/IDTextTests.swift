import Testing

@testable import StreamerCore

/// `IDText` keeps an id's exact text whether it is stored inline or as a `String`.
@Suite struct IDTextTests {
    static let texts = [
        "", "7", "216000477", "1443875737346049", "2001939623936278528", "12345678901234567890123",
        "123456789012345678901234", "3c1f2a0e-5a8b-4a41-9a6f-1d2e3f405162", "é", "日本😀", "a\"b\\c", "12345678",
        "Zürich-123456",
        "日本日本日本x", "1234567890123456\u{7F}",
    ]

    @Test(arguments: texts)
    func keepsTheTextExactly(_ text: String) {
        let id = IDText(text)
        #expect(id.description == text)
        #expect(id.withUTF8 { Array($0) } == Array(text.utf8))
        #expect(id == IDText(text))
        #expect(id.hashValue == IDText(text).hashValue)
    }

    @Test(arguments: texts)
    func readsTheSameIDFromMessageBytes(_ text: String) {
        let fromBytes = Array(text.utf8).withUnsafeBytes { IDText(bytes: $0) }
        #expect(fromBytes == IDText(text))
        #expect(fromBytes.description == text)
    }

    @Test func repairsInvalidUTF8AsStringDoes() {
        let bytes: [UInt8] = [0x31, 0xFF, 0x32]
        let id = bytes.withUnsafeBytes { IDText(bytes: $0) }
        #expect(id.description == String(decoding: bytes, as: UTF8.self))
        #expect(id == IDText(String(decoding: bytes, as: UTF8.self)))
    }

    @Test func tellsDifferentIDsApart() {
        #expect(IDText("1960000000000101") != IDText("1960000000000102"))
        #expect(IDText("1") != IDText("1 "))
        #expect(IDText("") != IDText("0"))
    }

    @Test func letsTradesReadAndWriteIDsAsStrings() throws {
        var trade = try SampleEvents.spotBuy()
        #expect(trade.id == "216000477" && trade.buyOrderID == "1443875737346049")
        trade.id = "2001939623936278531"
        trade.sellOrderID = nil
        #expect(trade.idText == IDText("2001939623936278531") && trade.sellOrderIDText == nil)
    }
}

import Foundation
import Testing

@testable import StreamerCore

/// Escaping of JSON strings and the raw/key helpers.
@Suite struct JSONWriterTests {
    /// What `appendString` writes for each input, quotes included.
    static let escapes: [(String, String)] = [
        ("plain", #""plain""#), ("", #""""#), ("a\"b", #""a\"b""#), ("a\\b", #""a\\b""#),
        ("line\nnext", #""line\nnext""#), ("tab\there", #""tab\there""#), ("cr\r", #""cr\r""#),
        ("\u{0}", #""\u0000""#), ("\u{01}x", #""\u0001x""#), ("\u{08}", #""\u0008""#), ("\u{0C}", #""\u000c""#),
        ("\u{1B}[31m", #""\u001b[31m""#), ("\u{1F}", #""\u001f""#), ("\u{7F}", #""\u007f""#), (" ~", #"" ~""#),
        ("/", #""/""#), ("café", "\"café\""), ("😀", "\"😀\""), ("BTC-USD", #""BTC-USD""#),
    ]

    @Test(arguments: escapes)
    func escapesQuotesBackslashesAndControlCharacters(text: String, json: String) {
        var out: [UInt8] = []
        JSONWriter.appendString(text, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == json)
    }

    @Test func leavesMultibyteUTF8AsItIs() {
        var out: [UInt8] = []
        JSONWriter.appendString("é😀", to: &out)
        #expect(out == [0x22, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0x22])
    }

    @Test func appendsAfterWhatIsAlreadyInTheBuffer() {
        var out = Array("{".utf8)
        JSONWriter.appendKey("id", to: &out)
        JSONWriter.appendString("7", to: &out)
        out.append(UInt8(ascii: ","))
        JSONWriter.appendKey("price", to: &out)
        JSONWriter.appendRaw("97001.10", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"{"id":"7","price":97001.10"#)
    }

    @Test(arguments: 0..<0x80)
    func writesEveryASCIICharacterSoAParserReadsItBack(_ code: Int) throws {
        let text = "<\(Character(Unicode.Scalar(UInt8(code))))>"
        var out: [UInt8] = []
        JSONWriter.appendString(text, to: &out)
        let scanned = try out.withUnsafeBytes { bytes in try JSONScanner.document(bytes).text(in: bytes) }
        #expect(scanned == text)
        let array = try JSONSerialization.jsonObject(with: Data("[".utf8 + out + "]".utf8)) as? [String]
        #expect(array == [text])
    }

    @Test func writesNonASCIITextSoAParserReadsItBack() throws {
        let text = "Zürich \"quoted\" \\ 😀 \u{2028} 日本"
        var out: [UInt8] = []
        JSONWriter.appendString(text, to: &out)
        let array = try JSONSerialization.jsonObject(with: Data("[".utf8 + out + "]".utf8)) as? [String]
        #expect(array == [text])
    }
}

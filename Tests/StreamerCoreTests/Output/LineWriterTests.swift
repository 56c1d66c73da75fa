import Testing

@testable import StreamerCore

/// Runs `body` on a writer over `capacity` bytes and returns what it wrote and whether it overflowed.
private func write(capacity: Int = 256, _ body: (inout LineWriter) -> Void) -> (text: String, overflowed: Bool) {
    var storage = [UInt8](repeating: 0, count: capacity)
    return storage.withUnsafeMutableBytes { raw in
        var writer = LineWriter(raw)
        body(&writer)
        return (String(decoding: writer.written, as: UTF8.self), writer.overflowed)
    }
}

/// The scratch-buffer line writer: the same bytes as `JSONWriter`, every copy length, overflow instead of overrun.
@Suite struct LineWriterTests {
    @Test(arguments: JSONWriterTests.escapes)
    func escapesStringsExactlyAsJSONWriterDoes(text: String, json: String) {
        #expect(write { $0.appendJSONString(text) }.text == json)
    }

    @Test(arguments: 0..<0x80)
    func escapesEveryASCIICharacterAsJSONWriterDoes(_ code: Int) {
        for length in [1, 3, 7, 8, 9, 15, 16, 17] {  // the byte at every place of a word and its padded tail
            for position in 0..<length {
                var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                bytes[position] = UInt8(code)
                var expected: [UInt8] = []
                JSONWriter.appendString(bytes, to: &expected)
                let written = write { writer in bytes.withUnsafeBytes { writer.appendJSONString($0) } }
                #expect(written.text == String(decoding: expected, as: UTF8.self))
            }
        }
    }

    @Test func keepsMultibyteUTF8AndLongRunsIntact() {
        let text = String(repeating: "Zürich 日本 😀 ", count: 9) + "\"end\""
        var expected: [UInt8] = []
        JSONWriter.appendString(text, to: &expected)
        #expect(write(capacity: 1024) { $0.appendJSONString(text) }.text == String(decoding: expected, as: UTF8.self))
    }

    @Test(arguments: 0...40)
    func copiesRunsOfEveryLength(_ length: Int) {
        let text = String((0..<length).map { Character(Unicode.Scalar(UInt8(0x41 + $0 % 26))) })
        let written = write { writer in
            writer.append(UInt8(ascii: "<"))
            writer.append(text)
            writer.append(UInt8(ascii: ">"))
        }
        #expect(written.text == "<" + text + ">")
    }

    @Test func writesKeysWithAndWithoutTheComma() {
        let written = write { writer in
            writer.append(UInt8(ascii: "{"))
            writer.appendKey("type", comma: false)
            writer.append(contentsOf: "null")
            writer.appendKey("sell_order_id", comma: true)
            writer.append(contentsOf: "true")
            writer.appendKey("", comma: true)
            writer.append(Int64(0))
            writer.append(UInt8(ascii: "}"), 0x0A)
        }
        #expect(written.text == #"{"type":null,"sell_order_id":true,"":0}"# + "\n")
    }

    @Test(arguments: [Int64.min, -1_000_000, -1, 0, 7, 1_795_000_000_000_000, Int64.max])
    func writesIntegersAsStringDescribingThem(_ value: Int64) {
        #expect(write { $0.append(value) }.text == String(value))
    }

    @Test func flagsAnOverflowInsteadOfWritingPastTheEnd() {
        let written = write(capacity: 8) { writer in
            writer.append("1234567")
            writer.appendJSONString("too long")
        }
        #expect(written.overflowed)
        #expect(write(capacity: 8) { $0.append("12345678") } == ("12345678", false))
        #expect(write(capacity: 8) { $0.appendKey("abcde", comma: true) }.overflowed)
    }

    @Test func truncatesToAMarkAndHandsOutTheBytesAfterIt() {
        var storage = [UInt8](repeating: 0, count: 64)
        storage.withUnsafeMutableBytes { raw in
            var writer = LineWriter(raw)
            writer.append("head,")
            let mark = writer.count
            writer.appendKey("k", comma: false)
            writer.append(Int64(42))
            #expect(writer.bytes(from: mark) == Array(#""k":42"#.utf8))
            writer.truncate(to: mark)
            #expect(String(decoding: writer.written, as: UTF8.self) == "head,")
        }
    }
}

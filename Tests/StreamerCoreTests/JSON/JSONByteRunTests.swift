import Testing

@testable import StreamerCore

/// The word-at-a-time search for the end of a plain run inside a JSON string, at every offset of a word.
@Suite struct JSONByteRunTests {
    /// Where each kind of special byte must stop a reading run (`plainEnd`) and a writing run (`unescapedEnd`).
    static let stoppers: [(byte: UInt8, stopsReading: Bool, stopsWriting: Bool)] = [
        (0x22, true, true), (0x5C, true, true), (0x00, true, true), (0x0A, true, true), (0x1F, true, true),
        (0x7F, false, true), (0x20, false, false), (0x21, false, false), (0x23, false, false), (0x5B, false, false),
        (0x5D, false, false), (0x80, false, false), (0xA2, false, false), (0xDC, false, false), (0xFF, false, false),
    ]

    /// `length` plain bytes with `byte` at `position` (or none when `position` is past the end).
    private func run(length: Int, byte: UInt8, at position: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        if position < length { bytes[position] = byte }
        return bytes
    }

    @Test(arguments: stoppers)
    func stopsAtTheFirstSpecialByteWhereverItFallsInAWord(
        _ stopper: (byte: UInt8, stopsReading: Bool, stopsWriting: Bool)
    ) {
        for length in [1, 7, 8, 9, 15, 16, 17, 31] {
            for position in 0..<length {
                let bytes = run(length: length, byte: stopper.byte, at: position)
                bytes.withUnsafeBytes { raw in
                    #expect(JSONByteRun.plainEnd(raw, from: 0) == (stopper.stopsReading ? position : length))
                    #expect(JSONByteRun.unescapedEnd(raw, from: 0) == (stopper.stopsWriting ? position : length))
                }
            }
        }
    }

    @Test func reportsTheFirstOfSeveralSpecialBytesInOneWord() {
        // A borrow out of a matching byte can mark the bytes above it; the lowest match must win.
        let bytes: [UInt8] = [0x61, 0x61, 0x01, 0x22, 0x5C, 0x00, 0x61, 0x61, 0x61]
        bytes.withUnsafeBytes { raw in
            #expect(JSONByteRun.plainEnd(raw, from: 0) == 2)
            #expect(JSONByteRun.plainEnd(raw, from: 3) == 3)
            #expect(JSONByteRun.plainEnd(raw, from: 6) == 9)
        }
    }

    @Test func startsAtTheGivenIndexAndHandlesAnEmptyTail() {
        let bytes = Array(#"ab"cdefghijk"lm"#.utf8)
        bytes.withUnsafeBytes { raw in
            #expect(JSONByteRun.plainEnd(raw, from: 0) == 2)
            #expect(JSONByteRun.plainEnd(raw, from: 3) == 12)
            #expect(JSONByteRun.plainEnd(raw, from: 15) == 15)
        }
        [UInt8]().withUnsafeBytes { raw in #expect(JSONByteRun.plainEnd(raw, from: 0) == 0) }
    }

    @Test func treatsMultibyteUTF8AsPlain() {
        let bytes = Array("Zürich 日本 😀 €€€€".utf8)
        bytes.withUnsafeBytes { raw in
            #expect(JSONByteRun.plainEnd(raw, from: 0) == bytes.count)
            #expect(JSONByteRun.unescapedEnd(raw, from: 0) == bytes.count)
        }
    }

    @Test(arguments: stoppers)
    func saysWhetherAnyByteNeedsEscapingAtEveryLength(_ stopper: (byte: UInt8, stopsReading: Bool, stopsWriting: Bool))
    {
        for length in 0...20 {
            [UInt8](repeating: UInt8(ascii: "a"), count: length).withUnsafeBytes { raw in
                #expect(!JSONByteRun.needsEscaping(raw))
            }
            for position in 0..<length {
                run(length: length, byte: stopper.byte, at: position).withUnsafeBytes { raw in
                    #expect(JSONByteRun.needsEscaping(raw) == stopper.stopsWriting, "length \(length) at \(position)")
                }
            }
        }
    }
}

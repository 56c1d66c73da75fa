import Testing

@testable import StreamerCore

/// The scanner's fast paths (strings without escapes in one run search, digits eight at a time) end every token at
/// the same byte as a byte-by-byte reading would.
@Suite struct JSONScannerFastPathTests {
    /// The end of the number at the start of `text` inside an array, by the scanner.
    private func numberEnd(_ text: String) throws -> Int {
        try Array(("[" + text + "]").utf8).withUnsafeBytes { bytes in
            var elements = JSONScanner.elements(of: try JSONScanner.document(bytes), in: bytes)
            let first = elements.next()
            return try #require(first).end - 1
        }
    }

    @Test(arguments: 1...20)
    func endsARunOfDigitsAtTheFirstByteThatIsNotOne(_ length: Int) throws {
        let digits = String((0..<length).map { Character(String(($0 * 7 + 1) % 10)) })
        for tail in ["", ",0", " ", ".5", "e3", ".25E-2,1234567890"] {
            let text = digits + tail
            let expected =
                digits.utf8.count
                + (tail.hasPrefix(".") || tail.hasPrefix("e") ? tail.prefix { $0 != "," }.utf8.count : 0)
            #expect(try numberEnd(text) == expected, "\(text)")
        }
    }

    @Test(arguments: Array(0x00...0xFF).filter { !(0x30...0x39).contains($0) })
    func stopsDigitsAtEveryOtherByteValue(_ byte: Int) {
        for position in 2..<12 {
            var bytes = Array("[123456789012".utf8)
            bytes[position] = UInt8(byte)
            let scanned: JSONToken? = bytes.withUnsafeBytes { raw in
                var scanner = JSONScanner(raw, from: 1)
                return try? scanner.value(depth: 1)
            }
            let continues = byte == 0x2E || byte == 0x45 || byte == 0x65  // '.', 'E', 'e' and more digits
            #expect(scanned?.end == (continues ? bytes.count : position), "byte \(byte) at \(position)")
        }
    }

    @Test(arguments: [
        (#""plain""#, 1, 6, false), (#""with \"escape\"""#, 1, 16, true), (#""""#, 1, 1, false),
        (#""long enough to take several words of eight bytes""#, 1, 49, false), (#""é😀""#, 1, 7, false),
    ])
    func readsStringsWithAndWithoutEscapes(_ json: String, start: Int, end: Int, escapes: Bool) throws {
        let token = try Array(json.utf8).withUnsafeBytes { try JSONScanner.document($0) }
        #expect(token == JSONToken(kind: .string, start: start, end: end, hasEscapes: escapes))
    }

    @Test func leavesControlCharactersAndUnfinishedStringsToTheFullReader() {
        for (json, offset) in [("\"ab\u{01}c\"", 3), ("\"abc", 4), ("\"abcdefghijk", 12), ("\"a\\", 3)] {
            let error = #expect(throws: JSONError.self) {
                try Array(json.utf8).withUnsafeBytes { _ = try JSONScanner.document($0) }
            }
            guard case .malformed(let at, _)? = error else { continue }
            #expect(at == offset, "\(json)")
        }
    }
}

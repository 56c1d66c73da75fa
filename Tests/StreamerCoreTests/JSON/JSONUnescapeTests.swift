import Testing

@testable import StreamerCore

/// Decoding of string escapes, surrogate pairs included.
@Suite struct JSONUnescapeTests {
    @Test(arguments: [
        (#"\ud83d\ude00"#, "😀"), (#"\uD83D\uDE00"#, "😀"), (#"a\u00e9b"#, "aéb"), (#"\u20AC"#, "€"),
        (#"\"\\\/"#, "\"\\/"), (#"\b\f\n\r\t"#, "\u{08}\u{0C}\n\r\t"), (#"no escapes"#, "no escapes"),
    ])
    func resolvesEveryEscape(raw: String, text: String) {
        #expect(Array(raw.utf8).withUnsafeBytes { JSONUnescape.decode($0) } == text)
    }

    @Test(arguments: [
        (#"\ud83d"#, "\u{FFFD}"), (#"\ude00"#, "\u{FFFD}"), (#"\ud83dx"#, "\u{FFFD}x"), (#"\ud83d\u0041"#, "\u{FFFD}A"),
        (#"\ude00\ud83d"#, "\u{FFFD}\u{FFFD}"),
    ])
    func replacesAnUnpairedSurrogateWithTheReplacementCharacter(raw: String, text: String) {
        #expect(Array(raw.utf8).withUnsafeBytes { JSONUnescape.decode($0) } == text)
    }
}

import Testing

@testable import StreamerCore

/// The entry lines of a recording: exact bytes out, the same entry back, and a named problem for anything else.
struct RecordedEntryTests {
    private let recv = Timestamp(1_795_000_002_100_000, .microseconds)

    private func line(_ entry: RecordedEntry) -> String {
        var out: [UInt8] = []
        entry.append(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func parse(_ text: String) throws(RecordingError.Problem) -> RecordedEntry {
        try RecordedEntry.parse(Array(text.utf8))
    }

    @Test func writesAMessageAsOneLineWithItsTextJSONEscaped() {
        let entry = RecordedEntry.message(recv: recv, connection: 2, text: Array(#"{"event":"trade"}"#.utf8))
        #expect(line(entry) == #"{"recv":1795000002100000,"conn":2,"text":"{\"event\":\"trade\"}"}"# + "\n")
    }

    @Test(arguments: [
        #"{"q":"say \"hi\"","b":"back\\slash"}"#,
        "two\nlines\r\nand\ta tab",
        "control \u{01}\u{1F}\u{7F} and nul \u{0}",
        "non-ASCII: café ₿ 東京 😀",
        "line and paragraph separators \u{2028}\u{2029}",
        "",
    ])
    func keepsEveryByteOfAMessageThroughARoundTrip(text: String) throws {
        let entry = RecordedEntry.message(recv: recv, connection: 1, text: Array(text.utf8))
        let written = line(entry)
        #expect(written.hasSuffix("}\n"))
        #expect(written.dropLast().allSatisfy { $0 != "\n" && $0 != "\r" })  // one physical line, whatever the text
        #expect(try parse(String(written.dropLast())) == entry)
    }

    @Test func readsEscapesOtherToolsWriteIncludingSurrogatePairs() throws {
        let entry = try parse(#"{"recv":1,"conn":1,"text":"\u0041\u00e9\ud83d\ude00\/"}"#)
        #expect(entry == .message(recv: Timestamp(1, .microseconds), connection: 1, text: Array("Aé😀/".utf8)))
    }

    @Test func roundTripsSnapshotsFailuresTicksAndDisconnects() throws {
        let market = Market(base: "BTC", quote: "USD")
        let entries: [RecordedEntry] = [
            .connected(recv: recv, connection: 3),
            .snapshot(recv: recv, market: market, body: Array(#"{"bids": [["1", "2"]], "asks": []}"#.utf8)),
            .snapshotFailed(recv: recv, market: market, reason: "HTTP 503 'Service Unavailable'"),
            .tick(recv: recv),
            .disconnect(recv: recv),
        ]
        for entry in entries { #expect(try parse(String(line(entry).dropLast())) == entry) }
        #expect(line(.tick(recv: recv)) == #"{"recv":1795000002100000,"tick":true}"# + "\n")
        #expect(
            line(.connected(recv: recv, connection: 2)) == #"{"recv":1795000002100000,"conn":2,"connected":true}"#
                + "\n")
        #expect(
            line(.snapshotFailed(recv: recv, market: market, reason: "timeout"))
                == #"{"recv":1795000002100000,"snapshot":"BTC-USD","error":"timeout"}"# + "\n")
    }

    @Test func ignoresKeysItDoesNotKnow() throws {
        #expect(try parse(#"{"recv":5,"note":"x","tick":true}"#) == .tick(recv: Timestamp(5, .microseconds)))
    }

    @Test(arguments: [
        (#"{"recv":1,"conn":1,"text":"x""#, "malformed JSON at byte 29: expected ',' or '}'"),
        (#"[1,2]"#, "expected a JSON object"),
        (#"{"conn":1,"text":"x"}"#, #"missing "recv""#),
        (#"{"recv":"1","conn":1,"text":"x"}"#, #""recv" must be a whole number"#),
        (#"{"recv":1.5,"tick":true}"#, #""recv" must be a whole number"#),
        (#"{"recv":1,"text":"x"}"#, #"missing "conn""#),
        (#"{"recv":1,"conn":0,"text":"x"}"#, #""conn" must be a positive whole number"#),
        (#"{"recv":1,"conn":1,"text":42}"#, #""text" must be a string"#),
        (#"{"recv":1,"snapshot":"BTC-USD"}"#, #"missing "body""#),
        (#"{"recv":1,"snapshot":"not a market","body":""}"#, "invalid market 'not a market'"),
        (#"{"recv":1,"tick":"yes"}"#, #""tick" must be true or false"#),
        (#"{"recv":1}"#, #"expected "text", "connected", "snapshot", "tick" or "disconnect""#),
        (#"{"recv":1,"connected":true}"#, #"missing "conn""#),
    ])
    func namesWhatIsWrongWithAMalformedLine(text: String, problem: String) {
        #expect(throws: RecordingError.Problem.malformed(problem)) { try parse(text) }
    }
}

import Foundation
import Testing

@testable import StreamerCore

/// Reading a recording: the header, then entries, and every failure with the file and line it is on.
struct ReplayReaderTests {
    private static let header =
        #"{"streamer_recording":1,"exchange":"bitstamp","subscriptions":[{"channel":"trades","market":"BTC-USD"}],"#
        + #""interval":"1m","depth":null,"throttle_us":null,"verify":false}"#

    /// A reader over `lines` held in memory.
    private func reader(_ lines: [String]) throws(RecordingError) -> ReplayReader {
        var remaining = lines[...]
        return try ReplayReader(path: "rec.jsonl") { () throws(SystemCallError) in
            remaining.popFirst().map { Array($0.utf8) }
        }
    }

    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("streamer-\(UUID().uuidString)-\(name)").path
    }

    @Test func readsTheHeaderThenEveryEntrySkippingBlankLines() throws {
        let reader = try reader([
            Self.header, #"{"recv":10,"conn":1,"text":"a"}"#, "", "  ", #"{"recv":20,"tick":true}"#,
        ])
        #expect(reader.header.exchange == .bitstamp && reader.header.subscriptions.map(\.channel) == [.trades])
        #expect(try reader.next() == .message(recv: Timestamp(10, .microseconds), connection: 1, text: Array("a".utf8)))
        #expect(try reader.next() == .tick(recv: Timestamp(20, .microseconds)))
        #expect(reader.lineNumber == 5)
        #expect(try reader.next() == nil)
    }

    @Test func namesTheFileAndLineOfAMalformedEntry() throws {
        let reader = try reader([Self.header, #"{"recv":10,"conn":1,"text":"a"}"#, "", #"{"conn":1,"text":"b"}"#])
        _ = try reader.next()
        let expected = RecordingError(path: "rec.jsonl", line: 4, problem: .malformed(#"missing "recv""#))
        #expect(throws: expected) { try reader.next() }
        #expect(expected.description == #"cannot replay 'rec.jsonl': line 4: missing "recv""#)
    }

    @Test func refusesAnEmptyFileAndAFileThatIsNoRecording() {
        #expect(throws: RecordingError(path: "rec.jsonl", line: 1, problem: .empty)) { try reader([]) }
        #expect(throws: RecordingError(path: "rec.jsonl", line: 1, problem: .notARecording)) {
            try reader([#"{"type":"trade","exchange":"bitstamp"}"#])
        }
        #expect(throws: RecordingError(path: "rec.jsonl", line: 2, problem: .malformed("expected a JSON object"))) {
            try reader(["", "42"])
        }
    }

    @Test func reportsAFileThatCannotBeOpened() {
        let error = RecordingError(
            path: "/nonexistent/rec.jsonl", line: nil, problem: .unreadable("No such file or directory"))
        #expect(throws: error) { try ReplayReader(path: "/nonexistent/rec.jsonl") }
        #expect(error.description == "cannot read recording '/nonexistent/rec.jsonl': No such file or directory")
    }

    @Test func readsBackWhatTheRecorderWroteToAFile() throws {
        let path = temporaryPath("roundtrip.jsonl")
        defer { unlink(path) }
        let market = Market(base: "BTC", quote: "USD")
        let header = RecordingHeader(
            exchange: .bitstamp, subscriptions: [Subscription(channel: .book, market: market)], interval: .oneMinute,
            depth: 5, throttle: nil, verify: false, endpoint: "ws://127.0.0.1:1/")
        let recorder = try Recorder(path: path, header: header)
        let first = NSObject()
        let second = NSObject()
        let recv = Timestamp(1_795_000_000_000_001, .microseconds)
        try recorder.connected(first, at: recv)
        try recorder.connected(second, at: recv)
        let long = String(repeating: #"{"k":"v\"é"}"#, count: 20_000)  // several read chunks long
        try recorder.message(Array("tricky \"quotes\"\nand ₿".utf8), from: first, at: recv)
        try recorder.message(Array(long.utf8), from: second, at: recv)
        recorder.snapshot(of: market, body: Array(#"{"bids": []}"#.utf8), at: recv)
        try recorder.disconnect(at: recv)
        try recorder.close()

        let reader = try ReplayReader(path: path)
        #expect(reader.header == header)
        #expect(try reader.next() == .connected(recv: recv, connection: 1))
        #expect(try reader.next() == .connected(recv: recv, connection: 2))
        #expect(try reader.next() == .message(recv: recv, connection: 1, text: Array("tricky \"quotes\"\nand ₿".utf8)))
        #expect(try reader.next() == .message(recv: recv, connection: 2, text: Array(long.utf8)))
        #expect(try reader.next() == .snapshot(recv: recv, market: market, body: Array(#"{"bids": []}"#.utf8)))
        #expect(try reader.next() == .disconnect(recv: recv))
        #expect(try reader.next() == nil)
    }

    @Test func failsWithThePathAndReasonWhenTheRecordingCannotBeCreated() {
        let header = RecordingHeader(
            exchange: .bitstamp,
            subscriptions: [Subscription(channel: .trades, market: Market(base: "BTC", quote: "USD"))],
            interval: .oneMinute, depth: nil, throttle: nil, verify: false, endpoint: nil)
        #expect(
            throws: OutputError.writeFailed(
                destination: "recording '/nonexistent/dir/rec.jsonl'", reason: "No such file or directory")
        ) { try Recorder(path: "/nonexistent/dir/rec.jsonl", header: header) }
    }
}

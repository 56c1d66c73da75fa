import Testing

@testable import StreamerCore

/// The header line: what a replay needs to rebuild the adapter and pipeline, and nothing else.
struct RecordingHeaderTests {
    private let btcusd = Market(base: "BTC", quote: "USD")

    private func line(_ header: RecordingHeader) -> String {
        var out: [UInt8] = []
        header.append(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func parse(_ text: String) throws(RecordingError.Problem) -> RecordingHeader {
        try RecordingHeader.parse(Array(text.utf8))
    }

    @Test func writesTheDocumentedHeader() {
        let header = RecordingHeader(
            exchange: .bitstamp,
            subscriptions: [
                Subscription(channel: .trades, market: btcusd), Subscription(channel: .book, market: btcusd),
            ],
            interval: .oneMinute, depth: 10, throttle: nil, verify: false, endpoint: "wss://ws.bitstamp.net/")
        #expect(
            line(header)
                == #"{"streamer_recording":1,"exchange":"bitstamp","subscriptions":[{"channel":"trades","market":"BTC-USD"},"#
                + #"{"channel":"book","market":"BTC-USD"}],"interval":"1m","depth":10,"throttle_us":null,"verify":false,"#
                + #""endpoint":"wss://ws.bitstamp.net/"}"# + "\n")
    }

    @Test func readsBackWhatItWrote() throws {
        let headers = [
            RecordingHeader(
                exchange: .bitvavo,
                subscriptions: [Subscription(channel: .candles, market: Market(base: "BTC", quote: "EUR"))],
                interval: CandleInterval.named("4h") ?? .oneMinute, depth: nil, throttle: .milliseconds(250),
                verify: false,
                endpoint: nil),
            RecordingHeader(
                exchange: .bitstamp, subscriptions: [Subscription(channel: .book, market: btcusd)],
                interval: .oneMinute,
                depth: 3, throttle: nil, verify: true, endpoint: "ws://127.0.0.1:9000/"),
        ]
        for header in headers { #expect(try parse(String(line(header).dropLast())) == header) }
    }

    @Test func rebuildsThePipelineOptionsOfTheLiveRun() {
        let unset = RecordingHeader(
            exchange: .bitstamp, subscriptions: [Subscription(channel: .bookTop100, market: btcusd)],
            interval: .oneMinute, depth: nil, throttle: nil, verify: false, endpoint: nil)
        #expect(unset.pipelineOptions == PipelineOptions(depth: 10, snapshotDepth: nil))
        var given = unset
        given.depth = 5
        given.throttle = .seconds(1)
        #expect(given.pipelineOptions == PipelineOptions(depth: 5, snapshotDepth: 5, throttle: .seconds(1)))
    }

    @Test func keepsNoQueryStringOfTheEndpoint() throws {
        let url = try #require(WebSocketURL("wss://stream.example.com:8443/v2?token=s3cret&user=me"))
        #expect(RecordingHeader.endpointText(url) == "wss://stream.example.com:8443/v2")
        #expect(RecordingHeader.endpointText(try #require(WebSocketURL("ws://127.0.0.1:80"))) == "ws://127.0.0.1/")
    }

    @Test func refusesAFormatVersionItDoesNotRead() {
        #expect(throws: RecordingError.Problem.unsupportedVersion(2)) {
            try parse(#"{"streamer_recording":2,"exchange":"bitstamp"}"#)
        }
        #expect(
            RecordingError.Problem.unsupportedVersion(2).description
                == "recording format 2 is not supported; this streamer reads format 1")
    }

    @Test(arguments: [
        (#"{"exchange":"bitstamp"}"#, RecordingError.Problem.notARecording),
        (#"{"recv":1,"conn":1,"text":"{}"}"#, .notARecording),
        (#"{"streamer_recording":"1"}"#, .malformed(#""streamer_recording" must be a whole number"#)),
        (#"{"streamer_recording":1,"exchange":"kraken"}"#, .malformed("unknown exchange 'kraken'")),
        (
            #"{"streamer_recording":1,"exchange":"bitvavo","subscriptions":[{"channel":"funding","market":"BTC-EUR"}]}"#,
            .malformed("bitvavo has no 'funding' channel")
        ),
        (
            #"{"streamer_recording":1,"exchange":"bitstamp","subscriptions":[],"interval":"1m"}"#,
            .malformed("no subscriptions")
        ),
        (
            #"{"streamer_recording":1,"exchange":"bitstamp","subscriptions":[{"channel":"trades","market":"BTC-USD"}],"interval":"7m"}"#,
            .malformed("unknown interval '7m'")
        ),
        (
            #"{"streamer_recording":1,"exchange":"bitstamp","subscriptions":[{"channel":"book","market":"BTC-USD"}],"interval":"1m","depth":0}"#,
            .malformed(#""depth" must be from 1 to 1000"#)
        ),
    ])
    func namesWhatIsWrongWithABadHeader(text: String, problem: RecordingError.Problem) {
        #expect(throws: problem) { try parse(text) }
    }
}

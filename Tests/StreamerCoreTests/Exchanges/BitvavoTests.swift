import Testing

@testable import StreamerCore

/// Builders shared by the Bitvavo tests: markets, adapters and decoding at a fixed receive time.
enum BitvavoSamples {
    /// BTC-EUR.
    static let btcEur = Market(base: "BTC", quote: "EUR")
    /// ETH-EUR.
    static let ethEur = Market(base: "ETH", quote: "EUR")
    /// XRP-EUR.
    static let xrpEur = Market(base: "XRP", quote: "EUR")
    /// The receive time every decode uses unless told otherwise.
    static let recv = Timestamp(1_795_000_000_000_000, .microseconds)

    /// An adapter for `(channel, market)` pairs.
    static func adapter(_ subscriptions: [(Channel, Market)], interval: CandleInterval = .oneMinute) -> Bitvavo {
        Bitvavo(subscriptions: subscriptions.map { Subscription(channel: $0.0, market: $0.1) }, interval: interval)
    }

    /// Decodes one message; returns its events and notice.
    static func decode(_ adapter: Bitvavo, _ bytes: [UInt8], recv: Timestamp = recv) throws -> (
        events: [MarketEvent], notice: ExchangeNotice?
    ) {
        var events: [MarketEvent] = []
        let notice = try bytes.withUnsafeBytes { raw in try adapter.decode(raw, receivedAt: recv, into: &events) }
        return (events, notice)
    }

    /// Decodes one message given as text.
    static func decode(_ adapter: Bitvavo, _ text: String, recv: Timestamp = recv) throws -> (
        events: [MarketEvent], notice: ExchangeNotice?
    ) {
        try decode(adapter, Array(text.utf8), recv: recv)
    }

    /// The bytes of `Fixtures/bitvavo/<name>`.
    static func fixture(_ name: String) throws -> [UInt8] { try FixtureFile.bytes("bitvavo/\(name)") }

    /// Line `number` (from 1) of a `.jsonl` fixture in `Fixtures/bitvavo/`.
    static func fixtureLine(_ name: String, _ number: Int) throws -> [UInt8] {
        let lines = try fixture(name).split(separator: 0x0A)
        return Array(try #require(lines.dropFirst(number - 1).first, "\(name) has no line \(number)"))
    }

    /// A Bitvavo header received at `recv`.
    static func header(_ market: Market = btcEur, _ ts: Timestamp?, recv: Timestamp = recv) -> EventHeader {
        EventHeader(exchange: .bitvavo, market: market, ts: ts, recv: recv)
    }

    /// A decimal that must be valid.
    static func decimal(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> DecimalString {
        try PipelineSamples.decimal(text, sourceLocation: sourceLocation)
    }
}

/// The Bitvavo adapter's channel events, acknowledgements and action replies (exchange-messages.md B.2, B.3, B.5).
struct BitvavoTests {
    private typealias S = BitvavoSamples
    private let btc = BitvavoSamples.btcEur

    @Test func isBitvavoOnItsDocumentedEndpointWithoutAnApplicationHeartbeat() {
        let bitvavo = S.adapter([(.trades, btc)])
        #expect(bitvavo.id == .bitvavo)
        #expect(bitvavo.defaultEndpoint == "wss://ws.bitvavo.com/v2/")
        #expect(bitvavo.heartbeatMessage == nil)
    }

    // MARK: trades

    @Test func decodesATradeWithMillisecondTimeExactTextUUIDAndTakerSide() throws {
        let (events, notice) = try S.decode(S.adapter([(.trades, btc)]), try S.fixture("trade.json"))
        #expect(notice == nil)
        let expected = Trade(
            header: S.header(btc, Timestamp(1_545_220_667_509, .milliseconds)),
            id: "7609c9b7-cb50-45d4-bf11-ce0451e2f073", price: try S.decimal("3377.7"),
            amount: try S.decimal("0.00296506"), side: .buy)
        #expect(events == [.trade(expected)])
    }

    @Test(arguments: [
        (1, Side.buy, "75516.00", "0.00296506"), (2, .sell, "75515.9", "0.01000000"),
        (4, .sell, "75519.10", "0.00058294"),
    ])
    func keepsTradeTextWithTrailingZerosOnFixtureLines(line: Int, side: Side, price: String, amount: String) throws {
        let (events, _) = try S.decode(S.adapter([(.trades, btc)]), try S.fixtureLine("trades-btc-eur.jsonl", line))
        guard case .trade(let trade) = try #require(events.first) else { Issue.record("not a trade"); return }
        #expect(trade.side == side && trade.price.text == price && trade.amount.text == amount)
    }

    @Test(arguments: [#","side":"sideways""#, ""])
    func leavesTheSideUnknownWhenItIsNeitherBuyNorSell(side: String) throws {
        let text =
            #"{"event":"trade","timestamp":1,"market":"BTC-EUR","id":"a","amount":"1","price":"2"\#(side)}"#
        let (events, _) = try S.decode(S.adapter([(.trades, btc)]), text)
        guard case .trade(let trade) = try #require(events.first) else { Issue.record("not a trade"); return }
        #expect(trade.side == nil)
    }

    // MARK: ticker, ticker24h

    @Test func decodesAFullTickerFrameWithTheLastPriceAndNoExchangeTime() throws {
        let (events, notice) = try S.decode(S.adapter([(.ticker, btc)]), try S.fixture("ticker.json"))
        #expect(notice == nil)
        let expected = Ticker(
            header: S.header(btc, nil), bid: try S.decimal("9319.2"), bidSize: try S.decimal("0.10668336"),
            ask: try S.decimal("9319.4"), askSize: try S.decimal("0.10953201"), last: try S.decimal("9335"))
        #expect(events == [.ticker(expected)])
    }

    @Test(
        arguments: [
            ("ticker-ask.json", nil, nil, "75744", "0.09383265"), ("ticker-bid.json", "75743", "0.14051168", nil, nil),
        ] as [(String, String?, String?, String?, String?)])
    func decodesAPartialTickerFrameWithTheAbsentSideNil(
        fixture: String, bid: String?, bidSize: String?, ask: String?, askSize: String?
    ) throws {
        let (events, _) = try S.decode(S.adapter([(.ticker, btc)]), try S.fixture(fixture))
        guard case .ticker(let ticker) = try #require(events.first) else { Issue.record("not a ticker"); return }
        #expect(ticker.bid?.text == bid && ticker.bidSize?.text == bidSize)
        #expect(ticker.ask?.text == ask && ticker.askSize?.text == askSize)
        #expect(ticker.last == nil && ticker.header == S.header(btc, nil))
    }

    @Test func decodesTheTicker24hSampleWithMillisecondTime() throws {
        let (events, notice) = try S.decode(S.adapter([(.ticker24h, S.ethEur)]), try S.fixture("ticker24h.json"))
        #expect(notice == nil)
        let expected = Ticker24h(
            header: S.header(S.ethEur, Timestamp(1_590_770_885_217, .milliseconds)), open: try S.decimal("193.5"),
            high: try S.decimal("202.72"), low: try S.decimal("192.46"), last: try S.decimal("199.01"),
            volume: try S.decimal("3587.05020246"), volumeQuote: try S.decimal("708030.17"),
            bid: try S.decimal("199.56"), ask: try S.decimal("199.57"))
        #expect(events == [.ticker24h(expected)])
    }

    @Test func keepsOnlyTheSubscribedMarketsOfATicker24hDataArrayInWireOrder() throws {
        let text = """
            {"event":"ticker24h","data":[{"market":"XRP-EUR","last":"0.5","timestamp":3},\
            {"market":"ETH-EUR","last":"199.01","timestamp":2},{"market":"BTC-EUR","last":"75743","timestamp":1}]}
            """
        let (events, notice) = try S.decode(S.adapter([(.ticker24h, btc), (.ticker24h, S.xrpEur)]), text)
        #expect(notice == nil)
        #expect(events.map(\.header.market) == [S.xrpEur, btc])
        let lasts = events.compactMap { event -> String? in
            guard case .ticker24h(let ticker) = event else { return nil }
            return ticker.last?.text
        }
        #expect(lasts == ["0.5", "75743"])
    }

    @Test func producesNothingForATicker24hOfOnlyOtherMarkets() throws {
        let (events, notice) = try S.decode(S.adapter([(.ticker24h, btc)]), try S.fixture("ticker24h.json"))
        #expect(events.isEmpty && notice == nil)
    }

    // MARK: candles

    @Test func decodesACandleRowWithTheMessageIntervalAndMillisecondOpenTime() throws {
        let (events, notice) = try S.decode(S.adapter([(.candles, btc)]), try S.fixture("candle.json"))
        #expect(notice == nil)
        let start = Timestamp(1_545_217_200_000, .milliseconds)
        let expected = Candle(
            header: S.header(btc, start), interval: "1h", start: start, open: try S.decimal("3377.7"),
            high: try S.decimal("3384.4"), low: try S.decimal("3377.7"), close: try S.decimal("3384.4"),
            volume: try S.decimal("0.00593012"), closed: false)
        #expect(events == [.candle(expected)])
    }

    @Test func decodesEveryRowOfACandleMessageAndFallsBackToTheSubscribedInterval() throws {
        let text =
            #"{"event":"candle","market":"BTC-EUR","candle":[[60000,"1","2","0.5","1.5","3"],[0,"1","1","1","1","0"]]}"#
        let (events, _) = try S.decode(S.adapter([(.candles, btc)], interval: try #require(.named("5m"))), text)
        let candles = events.compactMap { event -> Candle? in
            guard case .candle(let candle) = event else { return nil }
            return candle
        }
        #expect(candles.map(\.start) == [Timestamp(60_000, .milliseconds), Timestamp(0, .milliseconds)])
        #expect(candles.map(\.interval) == ["5m", "5m"] && candles.allSatisfy { !$0.closed })
    }

    // MARK: book

    @Test func decodesABookEventAsADiffWithNonceSeqNanosecondTimeAndExactLevels() throws {
        let (events, notice) = try S.decode(S.adapter([(.book, btc)]), try S.fixture("book.json"))
        #expect(notice == nil)
        let expected = BookUpdate(
            header: S.header(btc, Timestamp(1_790_126_693_594_483_831, .nanoseconds)), kind: .diff, depth: 3,
            bids: try PipelineSamples.levels([
                ("74968.00", "0"), ("75516.00", "0.00058294"), ("74966.00", "0.00100000"),
            ]), asks: [], seq: 413_289_768)
        #expect(events == [.book(expected)])
    }

    @Test func decodesTheOlderBookShapeWithoutATimestamp() throws {
        let text =
            #"{"event":"book","market":"BTC-EUR","nonce":41186,"bids":[["3344.5","0"],["3345.7","0.00299041"]],"asks":[]}"#
        let (events, _) = try S.decode(S.adapter([(.book, btc)]), text)
        guard case .book(let book) = try #require(events.first) else { Issue.record("not a book"); return }
        #expect(book.header.ts == nil && book.seq == 41186 && book.kind == .diff)
        #expect(PipelineSamples.texts(book.bids) == [["3344.5", "0"], ["3345.7", "0.00299041"]])
    }

    // MARK: acknowledgements and action replies

    @Test func reportsTheSubscribeAckAsOneAckForEverySubscription() throws {
        let (events, notice) = try S.decode(S.adapter([(.book, btc)]), try S.fixture("subscribed.json"))
        #expect(events.isEmpty && notice == .subscribed("*"))
    }

    @Test func reportsTheUnsubscribeAck() throws {
        let (events, notice) = try S.decode(S.adapter([(.book, btc)]), try S.fixture("unsubscribed.json"))
        #expect(events.isEmpty && notice == .unsubscribed("subscriptions"))
    }

    @Test func turnsAGetBookReplyIntoASnapshotNoticeWithItsRequestId() throws {
        let (events, notice) = try S.decode(S.adapter([(.book, btc)]), try S.fixture("get-book.captured.json"))
        #expect(events.isEmpty)
        let expected = BookUpdate(
            header: S.header(btc, Timestamp(1_790_127_496_313_579_360, .nanoseconds)), kind: .snapshot, depth: 3,
            bids: try PipelineSamples.levels([
                ("75521", "0.05641959"), ("75518", "0.09937661"), ("75517", "0.40867668"),
            ]),
            asks: try PipelineSamples.levels([("75522", "0.0235618"), ("75523", "0.05786289"), ("75526", "0.28930592")]
            ),
            seq: 413_297_445)
        #expect(notice == .snapshot(expected, requestId: 1))
    }

    @Test(
        arguments: [
            ("get-book.captured.json", "getBook", 1), ("get-time.captured.json", "getTime", nil),
            ("get-markets.json", "getMarkets", 0), ("get-trades.reply.json", "getTrades", 1),
        ] as [(String, String, Int64?)])
    func reportsOtherActionRepliesAsResponsesByActionAndRequestId(fixture: String, action: String, requestId: Int64?)
        throws
    {
        // The getBook reply is for BTC-EUR, which this adapter does not stream: no snapshot for anyone.
        let (events, notice) = try S.decode(S.adapter([(.trades, S.ethEur)]), try S.fixture(fixture))
        #expect(events.isEmpty && notice == .response(action: action, requestId: requestId))
    }

    // MARK: other markets and events

    @Test(arguments: [
        ("trade.json", "trade"), ("book.json", "book"), ("ticker.json", "ticker"), ("candle.json", "candle"),
    ])
    func reportsAChannelEventOfAnotherMarketAsUnknownWithoutEvents(fixture: String, what: String) throws {
        let (events, notice) = try S.decode(
            S.adapter([(.trades, S.ethEur), (.book, S.xrpEur)]), try S.fixture(fixture))
        #expect(events.isEmpty && notice == .unknown(what))
    }

    @Test func matchesMarketsExactlySoALowercaseSymbolIsAnotherMarket() throws {
        let text = #"{"event":"ticker","market":"btc-eur","bestBid":"1","bestBidSize":"1"}"#
        let (events, notice) = try S.decode(S.adapter([(.ticker, btc)]), text)
        #expect(events.isEmpty && notice == .unknown("ticker"))
    }

    @Test(arguments: [
        (#"{"event":"orderbook","market":"BTC-EUR"}"#, "event 'orderbook'"),
        (#"{"event":"fill","market":"BTC-EUR"}"#, "event 'fill'"),
    ])
    func reportsAnUnknownEventByNameWithoutEvents(text: String, what: String) throws {
        let (events, notice) = try S.decode(S.adapter([(.trades, btc)]), text)
        #expect(events.isEmpty && notice == .unknown(what))
    }
}

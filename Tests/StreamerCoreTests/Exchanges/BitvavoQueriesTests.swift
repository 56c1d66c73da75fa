import Testing

@testable import StreamerCore

/// `streamer bitvavo get ...`: the action sent for each query and the events read from its reply (B.5, B.6).
struct BitvavoQueriesTests {
    private typealias S = BitvavoSamples
    private static let btc = BitvavoSamples.btcEur
    /// Half a minute after the newer fixture candle opened (2026-11-18T11:07:30Z).
    private static let recv = Timestamp(1_795_000_050_000_000, .microseconds)

    /// The market a query in the fixture sessions names (none for markets, assets and time).
    private static func market(for kind: QueryKind) -> Market? { kind.takesMarket ? btc : nil }

    private func reply(
        _ bytes: [UInt8], _ kind: QueryKind, requestId: Int64 = 1, market: Market?? = nil,
        interval: CandleInterval = .oneMinute, recv: Timestamp = recv
    ) throws -> [MarketEvent]? {
        try Bitvavo.decodeQueryReply(
            bytes, kind: kind, requestId: requestId, market: market ?? Self.market(for: kind), interval: interval,
            receivedAt: recv)
    }

    private func reply(_ text: String, _ kind: QueryKind, requestId: Int64 = 1, market: Market?? = nil) throws
        -> [MarketEvent]?
    {
        try reply(Array(text.utf8), kind, requestId: requestId, market: market)
    }

    private func header(_ market: Market = btc, _ ts: Timestamp? = nil) -> EventHeader {
        S.header(market, ts, recv: Self.recv)
    }

    private func decimal(_ text: String) throws -> DecimalString { try S.decimal(text) }

    // MARK: requests

    @Test(
        arguments: [
            (QueryKind.markets, nil, #"{"action":"getMarkets","requestId":1}"#),
            (.assets, nil, #"{"action":"getAssets","requestId":1}"#),
            (.time, nil, #"{"action":"getTime","requestId":1}"#),
            (.ticker, nil, #"{"action":"getTickerPrice","requestId":1,"market":"BTC-EUR"}"#),
            (.tickerBook, nil, #"{"action":"getTickerBook","requestId":1,"market":"BTC-EUR"}"#),
            (.ticker24h, nil, #"{"action":"getTicker24h","requestId":1,"market":"BTC-EUR"}"#),
            (.book, 3, #"{"action":"getBook","requestId":1,"market":"BTC-EUR","depth":3}"#),
            (.book, nil, #"{"action":"getBook","requestId":1,"market":"BTC-EUR"}"#),
            (.trades, nil, #"{"action":"getTrades","requestId":1,"market":"BTC-EUR","limit":2}"#),
            (.candles, nil, #"{"action":"getCandles","requestId":1,"market":"BTC-EUR","interval":"1m","limit":2}"#),
        ] as [(QueryKind, Int?, String)])
    func sendsTheActionForEachQueryWithOnlyItsOwnParameters(kind: QueryKind, depth: Int?, message: String) {
        let text = Bitvavo.queryMessage(
            kind, market: Self.market(for: kind), depth: depth, limit: 2, interval: .oneMinute, requestId: 1)
        #expect(text == message)
    }

    @Test func asksForEveryMarketWhenTheTickerQueryNamesNone() throws {
        let text = Bitvavo.queryMessage(
            .ticker24h, market: nil, depth: 5, limit: 100, interval: try #require(.named("1d")), requestId: 7)
        #expect(text == #"{"action":"getTicker24h","requestId":7}"#)
    }

    @Test func writesTheCandleIntervalAndLimitAsGiven() throws {
        let text = Bitvavo.queryMessage(
            .candles, market: S.ethEur, depth: nil, limit: 1440, interval: try #require(.named("1d")), requestId: 9)
        #expect(text == #"{"action":"getCandles","requestId":9,"market":"ETH-EUR","interval":"1d","limit":1440}"#)
    }

    // MARK: replies

    /// The events each fixture reply must give, received at `recv`.
    private func expectedEvents(_ kind: QueryKind) throws -> [MarketEvent] {
        let btc = Self.btc
        switch kind {
        case .markets:
            return [("BTC-EUR", true), ("ETH-EUR", true), ("XRP-EUR", true), ("WMTX-EUR", false)].map {
                symbol, trading in
                let market = Market.parse(symbol) ?? btc
                return .market(MarketInfo(header: header(market), symbol: symbol, trading: trading, description: nil))
            }
        case .assets:
            return [
                .asset(
                    AssetInfo(
                        header: header(Market(base: "BTC", quote: "")), name: "Bitcoin", decimals: 8,
                        depositStatus: "OK",
                        withdrawalStatus: "OK", withdrawalFee: try decimal("0.00006"),
                        withdrawalMinAmount: try decimal("0.00001"))),
                .asset(
                    AssetInfo(
                        header: header(Market(base: "EUR", quote: "")), name: "Euro", decimals: 2, depositStatus: "OK",
                        withdrawalStatus: "MAINTENANCE", withdrawalFee: try decimal("0"),
                        withdrawalMinAmount: try decimal("2"))),
            ]
        case .time:
            let ts = Timestamp(1_795_000_007_148_875_310, .nanoseconds)
            return [.time(ServerTime(header: header(Market(base: "", quote: ""), ts)))]
        case .ticker:
            return [
                .ticker(
                    Ticker(
                        header: header(), bid: nil, bidSize: nil, ask: nil, askSize: nil, last: try decimal("75520.1")))
            ]
        case .tickerBook:
            return [
                .ticker(
                    Ticker(
                        header: header(), bid: try decimal("75521"), bidSize: try decimal("0.05641959"),
                        ask: try decimal("75522"), askSize: try decimal("0.0235618")))
            ]
        case .ticker24h:
            return [
                .ticker24h(
                    Ticker24h(
                        header: header(btc, Timestamp(1_795_000_007_217, .milliseconds)), open: try decimal("74910.1"),
                        high: try decimal("75999"), low: try decimal("74500"), last: try decimal("75520.1"),
                        volume: try decimal("1523.41234567"), volumeQuote: try decimal("114987654.32"),
                        bid: try decimal("75521"), ask: try decimal("75522")))
            ]
        case .book:
            return [
                .book(
                    BookUpdate(
                        header: header(btc, Timestamp(1_795_000_007_313_579_360, .nanoseconds)), kind: .snapshot,
                        depth: 3,
                        bids: try PipelineSamples.levels([
                            ("75521", "0.05641959"), ("75518", "0.09937661"), ("75517", "0.40867668"),
                        ]),
                        asks: try PipelineSamples.levels([
                            ("75522", "0.0235618"), ("75523", "0.05786289"), ("75526", "0.28930592"),
                        ]), seq: 413_297_445))
            ]
        case .trades:
            // Newest first on the wire; printed oldest first.
            return [
                .trade(
                    Trade(
                        header: header(btc, Timestamp(1_795_000_005_101, .milliseconds)),
                        id: "5400feff-54b8-40a3-90d4-5f0f68f28c24", price: try decimal("75519"),
                        amount: try decimal("0.25000000"), side: .sell)),
                .trade(
                    Trade(
                        header: header(btc, Timestamp(1_795_000_006_947, .milliseconds)),
                        id: "5400feff-54b8-40a3-90d4-5f0f68f28c25", price: try decimal("75520.1"),
                        amount: try decimal("0.001"), side: .buy)),
            ]
        case .candles:
            let older = Timestamp(1_794_999_960_000, .milliseconds)
            let newer = Timestamp(1_795_000_020_000, .milliseconds)
            return [
                .candle(
                    Candle(
                        header: header(btc, older), interval: "1m", start: older, open: try decimal("75500"),
                        high: try decimal("75530"), low: try decimal("75490"), close: try decimal("75525"),
                        volume: try decimal("1.5"), closed: true)),
                .candle(
                    Candle(
                        header: header(btc, newer), interval: "1m", start: newer, open: try decimal("75525"),
                        high: try decimal("75525"), low: try decimal("75519.1"), close: try decimal("75519.1"),
                        volume: try decimal("0.00058294"), closed: false)),
            ]
        }
    }

    /// The fixture reply for `kind`.
    private static func fixture(_ kind: QueryKind) -> String { "get-\(kind.rawValue).reply.json" }

    @Test(arguments: QueryKind.allCases)
    func readsTheExactEventsOfEachFixtureReply(kind: QueryKind) throws {
        let events = try reply(try S.fixture(Self.fixture(kind)), kind)
        #expect(events == (try expectedEvents(kind)))
    }

    @Test(arguments: QueryKind.allCases)
    func ignoresTheReplyToAnotherRequest(kind: QueryKind) throws {
        #expect(try reply(try S.fixture(Self.fixture(kind)), kind, requestId: 2) == nil)
    }

    @Test(arguments: [
        "subscribed.json", "book.json", "get-time.captured.json", "get-markets.json", "error-invalid-json.json",
    ])
    func ignoresMessagesWithoutTheRequestId(fixture: String) throws {
        #expect(try reply(try S.fixture(fixture), .markets) == nil)
    }

    @Test(
        arguments: [
            (Int64(1_795_000_019_999_999), [false, false]), (1_795_000_020_000_000, [true, false]),
            (1_795_000_079_999_999, [true, false]), (1_795_000_080_000_000, [true, true]),
        ] as [(Int64, [Bool])])
    func closesAFetchedCandleOnceItsIntervalHasEndedWhenReceived(recvMicros: Int64, closed: [Bool]) throws {
        let events = try #require(
            try reply(try S.fixture(Self.fixture(.candles)), .candles, recv: Timestamp(recvMicros, .microseconds)))
        let flags = events.compactMap { event -> Bool? in
            guard case .candle(let candle) = event else { return nil }
            return candle.closed
        }
        #expect(flags == closed)
    }

    @Test func readsAnArrayReplyForEveryMarketInWireOrder() throws {
        let text = """
            {"action":"getTickerPrice","requestId":1,"response":[{"market":"ETH-EUR","price":"199.01"},\
            {"market":"BTC-EUR","price":"3500.10"},{"price":"1"}]}
            """
        let events = try #require(try reply(text, .ticker, market: .some(nil)))
        #expect(events.map(\.header.market) == [S.ethEur, Self.btc])
        let lasts = events.compactMap { event -> String? in
            guard case .ticker(let ticker) = event else { return nil }
            return ticker.last?.text
        }
        #expect(lasts == ["199.01", "3500.10"])
    }

    @Test func readsATickerBookArrayReplyAsOneTickerPerMarket() throws {
        let text = """
            {"action":"getTickerBook","requestId":1,"response":[{"market":"ZRX-EUR","bid":"0.16378","ask":"0.16417",\
            "bidSize":"901.91558201","askSize":"420.84088941"},{"market":"BTC-EUR","bid":"1","ask":"2"}]}
            """
        let events = try #require(try reply(text, .tickerBook, market: .some(nil)))
        guard case .ticker(let first) = try #require(events.first) else { Issue.record("not a ticker"); return }
        #expect(events.count == 2)
        #expect(first.header.market == Market(base: "ZRX", quote: "EUR") && first.askSize?.text == "420.84088941")
    }

    @Test func fallsBackToMillisecondsWhenTheTimeReplyHasNoNanoseconds() throws {
        let events = try reply(#"{"action":"getTime","requestId":1,"response":{"time":1790127027148}}"#, .time)
        #expect(
            events == [
                .time(
                    ServerTime(header: header(Market(base: "", quote: ""), Timestamp(1_790_127_027_148, .milliseconds)))
                )
            ])
    }

    // MARK: error replies

    @Test func throwsAnErrorReplyToTheRequestAsARefusalNamingTheAction() throws {
        let text =
            #"{"action":"getBook","requestId":1,"market":"WMTX-EUR","errorCode":431,"error":"getBook is not available for WMTX-EUR in state HALTED"}"#
        let message = "getBook is not available for WMTX-EUR in state HALTED (error 431, market halted)"
        #expect(throws: ExchangeError.rejected(.bitvavo, channel: "getBook", message: message)) {
            try reply(text, .book, market: .some(Market(base: "WMTX", quote: "EUR")))
        }
    }

    @Test func throwsAnErrorReplyWithoutRequestIdWhenItNamesTheSameAction() throws {
        let text = #"{"action":"getCandles","errorCode":205,"error":"interval parameter is invalid."}"#
        let message = "interval parameter is invalid. (error 205, invalid parameter value)"
        #expect(throws: ExchangeError.rejected(.bitvavo, channel: "getCandles", message: message)) {
            try reply(text, .candles)
        }
    }

    @Test func throwsARateLimitReplyToTheRequestAsRateLimited() throws {
        let text = #"{"action":"getTicker24h","requestId":1,"errorCode":103,"error":"Too many requests."}"#
        #expect(throws: ExchangeError.rateLimited(.bitvavo, message: "Too many requests. (error 103, rate limited)")) {
            try reply(text, .ticker24h)
        }
    }

    @Test(arguments: ["error-get-book-halted.json", "error-subscribe-market.json", "error-unknown-action.json"])
    func ignoresErrorRepliesToOtherRequests(fixture: String) throws {
        #expect(try reply(try S.fixture(fixture), .book) == nil)
    }

    @Test(arguments: [
        (QueryKind.book, #"{"action":"getBook","requestId":1}"#),
        (.candles, #"{"action":"getCandles","requestId":1,"response":{"candle":[]}}"#),
        (.trades, #"{"action":"getTrades","requestId":1,"response":[{"timestamp":1,"amount":"1","price":"2"}]}"#),
        (.book, #"{"action":"getBook","requestId":1,"response":{"market":"BTC-EUR","bids":[],"asks":[]}}"#),
    ])
    func refusesAReplyItCannotRead(kind: QueryKind, text: String) {
        let error = #expect(throws: ExchangeError.self) { try reply(text, kind) }
        if let error, case .malformed(.bitvavo, _) = error {
        } else {
            Issue.record("not malformed: \(String(describing: error))")
        }
    }
}

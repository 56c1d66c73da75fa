import Testing

@testable import StreamerCore

/// What the Bitvavo adapter sends: the `subscribe` action (B.2), `getBook` (B.5, B.7) and the `getMarkets` check.
struct BitvavoActionsTests {
    private typealias S = BitvavoSamples
    private let btc = BitvavoSamples.btcEur
    private let eth = BitvavoSamples.ethEur

    // MARK: subscribe

    @Test(arguments: [
        (Channel.trades, #"{"action":"subscribe","channels":[{"name":"trades","markets":["BTC-EUR"]}]}"#),
        (.ticker, #"{"action":"subscribe","channels":[{"name":"ticker","markets":["BTC-EUR"]}]}"#),
        (.ticker24h, #"{"action":"subscribe","channels":[{"name":"ticker24h","markets":["BTC-EUR"]}]}"#),
        (.book, #"{"action":"subscribe","channels":[{"name":"book","markets":["BTC-EUR"]}]}"#),
        (.candles, #"{"action":"subscribe","channels":[{"name":"candles","interval":["1m"],"markets":["BTC-EUR"]}]}"#),
    ])
    func subscribesToEachStreamableChannelWithItsWireName(channel: Channel, message: String) throws {
        #expect(try S.adapter([(channel, btc)]).subscribeMessages() == [message])
    }

    @Test func sendsOneActionWithEveryChannelInFirstSeenOrderAndEachMarketOnce() throws {
        let xrp = S.xrpEur
        let bitvavo = S.adapter(
            [
                (.trades, btc), (.book, eth), (.trades, eth), (.candles, xrp), (.trades, btc), (.book, eth),
                (.ticker, btc), (.candles, btc), (.ticker24h, xrp),
            ], interval: try #require(.named("4h")))
        let expected =
            #"{"action":"subscribe","channels":[{"name":"trades","markets":["BTC-EUR","ETH-EUR"]},"#
            + #"{"name":"book","markets":["ETH-EUR"]},{"name":"candles","interval":["4h"],"markets":["XRP-EUR","BTC-EUR"]},"#
            + #"{"name":"ticker","markets":["BTC-EUR"]},{"name":"ticker24h","markets":["XRP-EUR"]}]}"#
        #expect(try bitvavo.subscribeMessages() == [expected])
    }

    @Test func writesMarketsTypedInAnyFormAsUppercaseBaseDashQuote() throws {
        let typed = try ["btceur", "eth/eur", "xrp_eur"].map { try #require(Market.parse($0)) }
        let bitvavo = Bitvavo(subscriptions: typed.map { Subscription(channel: .trades, market: $0) })
        #expect(
            try bitvavo.subscribeMessages() == [
                #"{"action":"subscribe","channels":[{"name":"trades","markets":["BTC-EUR","ETH-EUR","XRP-EUR"]}]}"#
            ])
    }

    @Test func subscribesToNothingWithoutSubscriptions() throws {
        #expect(try Bitvavo(subscriptions: []).subscribeMessages() == [])
    }

    @Test(arguments: [Channel.bookTop100, .bookL3, .orders, .funding])
    func refusesAChannelBitvavoDoesNotStreamEvenBesideSupportedOnes(channel: Channel) {
        #expect(throws: ExchangeError.unsupportedChannel(channel, .bitvavo)) {
            try S.adapter([(.trades, btc), (channel, btc)]).subscribeMessages()
        }
    }

    @Test func streamsExactlyTheChannelsThatHaveAWireName() {
        let mapped = Set(Channel.allCases.filter { Bitvavo.wireChannel($0) != nil })
        #expect(mapped == Set(Bitvavo.streamableChannels))
    }

    // MARK: getBook

    @Test(arguments: [(Int64(1), "BTC-EUR"), (Int64(42), "ETH-EUR")])
    func asksForABookSnapshotWithGetBookAtDepth1000(requestId: Int64, symbol: String) throws {
        let market = try #require(Market.parse(symbol))
        let expected = #"{"action":"getBook","requestId":\#(requestId),"market":"\#(symbol)","depth":1000}"#
        #expect(S.adapter([(.book, market)]).snapshotRequest(for: market, requestId: requestId) == expected)
        #expect(Bitvavo.getBookMessage(market, requestId: requestId) == expected)
    }

    // MARK: getMarkets

    @Test func asksForTheMarketListWithGetMarkets() {
        #expect(Bitvavo.getMarketsMessage(requestId: 0) == #"{"action":"getMarkets","requestId":0}"#)
    }

    @Test func readsEveryListedMarketAndWhetherItTrades() throws {
        let markets = try #require(try Bitvavo.decodeMarketsReply(try S.fixture("get-markets.json")))
        #expect(
            markets == [
                ListedMarket(wireSymbol: "BTC-EUR", isTrading: true, name: "BTC-EUR"),
                ListedMarket(wireSymbol: "ETH-EUR", isTrading: true, name: "ETH-EUR"),
                ListedMarket(wireSymbol: "XRP-EUR", isTrading: true, name: "XRP-EUR"),
                ListedMarket(wireSymbol: "WMTX-EUR", isTrading: false, name: "WMTX-EUR"),
            ])
        #expect(markets.map(\.market) == [btc, eth, S.xrpEur, Market(base: "WMTX", quote: "EUR")])
    }

    @Test(arguments: [
        (#"{"market":"A-EUR","status":"trading"}"#, true), (#"{"market":"A-EUR","status":"halted"}"#, false),
        (#"{"market":"A-EUR","status":"auction"}"#, false), (#"{"market":"A-EUR"}"#, true),
    ])
    func treatsOnlyStatusTradingOrNoStatusAsTrading(entry: String, trading: Bool) throws {
        let reply = Array(#"{"action":"getMarkets","requestId":0,"response":[\#(entry),{"status":"trading"}]}"#.utf8)
        #expect(
            try Bitvavo.decodeMarketsReply(reply) == [
                ListedMarket(wireSymbol: "A-EUR", isTrading: trading, name: "A-EUR")
            ])
    }

    @Test(arguments: [
        "subscribed.json", "get-book.captured.json", "get-time.captured.json", "trade.json", "error-invalid-json.json",
        "error-subscribe-market.json",
    ])
    func ignoresEveryOtherMessageWhileWaitingForTheMarketList(fixture: String) throws {
        #expect(try Bitvavo.decodeMarketsReply(try S.fixture(fixture)) == nil)
    }

    @Test(arguments: ["", "not json", "[]", #"{"action":"getMarkets""#])
    func ignoresTextThatIsNotAJSONObject(text: String) throws {
        #expect(try Bitvavo.decodeMarketsReply(Array(text.utf8)) == nil)
    }

    @Test(arguments: [
        (103, ExchangeError.rateLimited(.bitvavo, message: "Too fast. (error 103, rate limited)")),
        (400, .rejected(.bitvavo, channel: "getMarkets", message: "Too fast. (error 400, unknown server error)")),
    ])
    func throwsAnErrorReplyToGetMarkets(code: Int, error: ExchangeError) {
        let reply = Array(#"{"action":"getMarkets","requestId":0,"errorCode":\#(code),"error":"Too fast."}"#.utf8)
        #expect(throws: error) { try Bitvavo.decodeMarketsReply(reply) }
    }

    @Test(arguments: [#","response":{}"#, ""])
    func refusesAGetMarketsReplyWithoutAResponseArray(response: String) {
        let reply = Array(#"{"action":"getMarkets","requestId":0\#(response)}"#.utf8)
        #expect(throws: ExchangeError.malformed(.bitvavo, detail: "getMarkets reply without a response array")) {
            try Bitvavo.decodeMarketsReply(reply)
        }
    }
}

import Testing

@testable import StreamerCore

/// Markets are checked against the exchange's list before subscribing (Bitstamp acks unknown ones, then is silent).
struct MarketCheckTests {
    private let listed = [
        ListedMarket(wireSymbol: "btcusd", isTrading: true), ListedMarket(wireSymbol: "btceur", isTrading: true),
        ListedMarket(wireSymbol: "ethusd", isTrading: false), ListedMarket(wireSymbol: "btcusd-perp", isTrading: true),
    ]

    private func markets(_ texts: String...) throws -> [Market] { try texts.map { try #require(Market.parse($0)) } }

    @Test func acceptsListedMarketsInEverySpelling() throws {
        let result = MarketCheck.check(
            try markets("btcusd", "BTC-EUR", "btc/usd", "btcusd-perp"), on: .bitstamp, listed: listed)
        #expect(result.unknown.isEmpty && result.halted.isEmpty)
    }

    @Test func namesUnknownMarketsWithTheClosestListedOnes() throws {
        let result = MarketCheck.check(try markets("btcusdt", "xrpjpy"), on: .bitstamp, listed: listed)
        #expect(
            result.unknown == [
                MarketCheck.Unknown(wireSymbol: "btcusdt", suggestions: ["btcusd"]),
                MarketCheck.Unknown(wireSymbol: "xrpjpy", suggestions: []),
            ])
    }

    @Test func reportsListedMarketsThatDoNotTrade() throws {
        #expect(
            MarketCheck.check(try markets("ethusd"), on: .bitstamp, listed: listed).halted.map(\.symbol) == ["ETH-USD"])
    }

    @Test func decodesBothBitstampMarketLists() throws {
        let markets = try Bitstamp.decodeMarketList(try FixtureFile.bytes("bitstamp/rest/markets.json"))
        #expect(markets.contains { $0.wireSymbol == "btcusd-perp" && $0.market?.symbol == "BTC-USD-PERP" })
        let legacy = try Bitstamp.decodeMarketList(try FixtureFile.bytes("bitstamp/rest/trading-pairs-info.json"))
        #expect(legacy.map(\.wireSymbol).contains("usdcusd"))
        #expect(legacy.first { $0.wireSymbol == "usdcusd" }?.market?.symbol == "USDC-USD")
    }

    @Test func refusesMoreChannelsThanOneBitstampConnectionCarries() throws {
        let subscriptions = (0..<1025).map { index in
            Subscription(channel: .trades, market: Market(base: "A\(index)", quote: "USD"))
        }
        #expect(throws: ExchangeError.tooManyChannels(.bitstamp, requested: 1025, limit: 1024)) {
            try Bitstamp(subscriptions: subscriptions).subscribeMessages()
        }
        #expect(try Bitstamp(subscriptions: Array(subscriptions.prefix(1024))).subscribeMessages().count == 1024)
    }
}

import Testing

@testable import StreamerCore

/// `EventPipeline` finds each market's state whether it scans a few markets or looks many up by hash, and whether
/// an event carries the subscription's own `Market` or an equal one made elsewhere.
struct EventPipelineMarketsTests {
    /// `count` markets `A0-USD`, `A1-USD`, ...
    private static func markets(_ count: Int) -> [Market] {
        (0..<count).map { Market(base: "A\($0)", quote: "USD") }
    }

    @Test(arguments: [1, 8, 9, 30])
    func routesEachMarketsEventsToItsOwnState(count: Int) throws {
        let markets = Self.markets(count)
        // Trades plus one ticker: not a plain trades stream, so every event goes through the market lookup.
        var pipeline = PipelineDriver(markets.map { (.trades, $0) } + [(.ticker, markets[0])])
        for (index, market) in markets.enumerated().reversed() {
            let copy = Market(base: market.base, quote: market.quote)  // equal, but not the same parts
            for subject in [market, copy] {
                let trade = MarketEvent.trade(
                    try PipelineSamples.trade(subject, id: "\(index)", price: "1", amount: "1", micros: 1))
                #expect(pipeline.process(trade).events == [trade])
            }
        }
        let stranger = MarketEvent.trade(
            try PipelineSamples.trade(Market(base: "ZZ", quote: "USD"), price: "1", amount: "1", micros: 1))
        #expect(pipeline.process(stranger).events.isEmpty)
    }
}

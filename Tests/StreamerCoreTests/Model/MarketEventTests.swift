import Testing

@testable import StreamerCore

/// The shared header and type names of normalized events.
@Suite struct MarketEventTests {
    /// A header for BTC-USD on Bitstamp with both times set.
    static let header = EventHeader(
        exchange: .bitstamp, market: Market(base: "BTC", quote: "USD"),
        ts: Timestamp(1_641_343_699_596_000, .microseconds), recv: Timestamp(1_641_343_699_601_234, .microseconds))

    @Test func namesATradeAndAGapForTheTypeField() throws {
        let price = try #require(DecimalString("3805.44"))
        let amount = try #require(DecimalString("0.07920000"))
        let trade = Trade(header: Self.header, id: "216000477", price: price, amount: amount, side: .buy)
        #expect(MarketEvent.trade(trade).typeName == "trade")
        #expect(MarketEvent.gap(Gap(header: Self.header, reason: .disconnect, since: nil)).typeName == "gap")
    }

    @Test func spellsEveryTypeExchangeAndSideLiteralAsItsRawValue() {
        for kind in EventKind.allCases { #expect(kind.literal.description == kind.rawValue) }
        for exchange in ExchangeID.allCases { #expect(exchange.literal.description == exchange.name) }
        for side in [Side.buy, .sell] { #expect(side.literal.description == side.rawValue) }
    }

    /// Every event is moved several times on its way to the output: larger payloads are boxed (`indirect`).
    @Test func staysTheSizeOfATrade() {
        #expect(MemoryLayout<MarketEvent>.size <= MemoryLayout<Trade>.size + 1)
    }

    @Test func exposesTheHeaderOfEitherKind() throws {
        let price = try #require(DecimalString("3805.44"))
        var header = Self.header
        header.market = Market(base: "ETH", quote: "USD")
        let trade = Trade(header: header, id: "1", price: price, amount: price, side: nil)
        #expect(MarketEvent.trade(trade).header == header)
        #expect(MarketEvent.gap(Gap(header: Self.header, reason: .resync, since: nil)).header == Self.header)
    }

    @Test func leavesOrderIDsOutUnlessGiven() throws {
        let price = try #require(DecimalString("1"))
        let trade = Trade(header: Self.header, id: "1", price: price, amount: price, side: .sell)
        #expect(trade.buyOrderID == nil)
        #expect(trade.sellOrderID == nil)
    }

    @Test func spellsGapReasonsAsTheOutputDoes() {
        #expect(Gap.Reason.disconnect.rawValue == "disconnect")
        #expect(Gap.Reason.resync.rawValue == "resync")
        #expect(Gap.Reason.sequence.rawValue == "sequence")
    }
}

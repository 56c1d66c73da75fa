import Testing

@testable import StreamerCore

/// Events the renderer tests print: real Bitstamp values (exchange-messages.md §A.3) plus the awkward cases.
enum SampleEvents {
    /// A decimal that must be valid.
    static func decimal(_ text: String) throws -> DecimalString {
        try #require(DecimalString(text), "\(text) is not a DecimalString")
    }

    /// A Bitstamp header for `symbol` at microsecond `ts`, received 5,234 µs later.
    static func header(_ symbol: String, ts: Timestamp?, recv: Int64 = 1_795_000_000_130_000) throws -> EventHeader {
        EventHeader(
            exchange: .bitstamp, market: try #require(Market.parse(symbol)), ts: ts,
            recv: Timestamp(recv, .microseconds))
    }

    /// The CF-WS spot trade on ethusd: a taker buy with both order ids.
    static func spotBuy() throws -> Trade {
        Trade(
            header: try header(
                "ethusd", ts: Timestamp(1_641_343_699_596_000, .microseconds), recv: 1_641_343_699_601_234),
            id: "216000477", price: try decimal("3805.44"), amount: try decimal("0.07920000"), side: .buy,
            buyOrderID: "1443875737346049", sellOrderID: "1443875731320832")
    }

    /// A BTC-USD taker sell whose price ends in a zero that must survive.
    static func spotSell() throws -> Trade {
        Trade(
            header: try header("btcusd", ts: Timestamp(1_795_000_000_123_456, .microseconds)),
            id: "476000002", price: try decimal("97001.10"), amount: try decimal("0.01500000"), side: .sell,
            buyOrderID: "1960000000008020", sellOrderID: "1960000000006208")
    }

    /// A perpetual trade at millisecond resolution: unknown side, no order ids, an id past 2^53.
    static func perpetualUnknownSide() throws -> Trade {
        Trade(
            header: try header(
                "btcusd-perp", ts: Timestamp(1_795_000_000_586, .milliseconds), recv: 1_795_000_000_590_312),
            id: "2001939623936278531", price: try decimal("97010"), amount: try decimal("0.00921"), side: nil)
    }

    /// A trade the exchange sent without a time, with only a sell order id.
    static func untimedSell() throws -> Trade {
        Trade(
            header: try header("btcusd", ts: nil), id: "476000003", price: try decimal("0.5"),
            amount: try decimal("1234567.12345678"), side: .sell, sellOrderID: "1960000000012359")
    }

    /// Every sample trade, in the order the golden files hold them.
    static func trades() throws -> [Trade] {
        [try spotBuy(), try spotSell(), try perpetualUnknownSide(), try untimedSell()]
    }

    /// A disconnect gap on BTC-USD since the spot sell.
    static func gap() throws -> Gap {
        Gap(
            header: try header("btcusd", ts: nil, recv: 1_795_000_007_000_001), reason: .disconnect,
            since: Timestamp(1_795_000_000_123_456, .microseconds))
    }

    /// The markets of `trades()`, as a session would pass them to the table.
    static func markets() throws -> [Market] {
        try trades().map(\.header.market)
    }

    /// Everything `renderer` prints for `events`, in order.
    static func render(_ events: [MarketEvent], with renderer: inout some EventRenderer) -> [UInt8] {
        var out: [UInt8] = []
        for event in events { renderer.render(event, into: &out) }
        return out
    }
}

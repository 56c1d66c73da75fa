import Testing

@testable import StreamerCore

/// One realistic event of every `EventKind`, for the every-type golden files and the parse-back tests.
///
/// Values follow the exchanges' own texts: trailing zeros that must survive, ids past 2^53, Bitstamp µs,
/// Bitvavo ms and ns times, and a null or an omitted field where the exchange sends none.
enum EverySampleEvent {
    private static func decimal(_ text: String) throws -> DecimalString { try SampleEvents.decimal(text) }

    /// A header for `market` on `exchange`, received at a fixed µs time a few ms after `ts`.
    private static func header(
        _ exchange: ExchangeID, _ market: Market, ts: Timestamp?, recv: Int64 = 1_795_000_000_130_000
    ) -> EventHeader {
        EventHeader(exchange: exchange, market: market, ts: ts, recv: Timestamp(recv, .microseconds))
    }

    private static func market(_ symbol: String) throws -> Market { try #require(Market.parse(symbol)) }

    /// The sample of `kind`.
    static func event(_ kind: EventKind) throws -> MarketEvent {
        let micros = Timestamp(1_795_000_000_123_456, .microseconds)
        switch kind {
        case .trade:
            // Bitstamp: an id past 2^53, a taker sell with only the sell order id known (buy_order_id omitted).
            return .trade(
                Trade(
                    header: header(.bitstamp, try market("ethbtc"), ts: micros), id: "2001939623936278531",
                    price: try decimal("0.03718000"), amount: try decimal("0.07920000"), side: .sell,
                    buyOrderID: nil, sellOrderID: "1960000000012359"))
        case .ticker:
            // Bitvavo best bid/offer in ms, no last price (null).
            return .ticker(
                Ticker(
                    header: header(.bitvavo, try market("BTC-EUR"), ts: Timestamp(1_795_000_000_121, .milliseconds)),
                    bid: try decimal("97001.10"), bidSize: try decimal("0.01500000"), ask: try decimal("97001.11"),
                    askSize: try decimal("0.34000000"), last: nil))
        case .ticker24h:
            return .ticker24h(
                Ticker24h(
                    header: header(.bitvavo, try market("ETH-EUR"), ts: Timestamp(1_795_000_000_087, .milliseconds)),
                    open: try decimal("3805.4"), high: try decimal("3891.00"), low: try decimal("3760.12"),
                    last: try decimal("3842.7"), volume: try decimal("12345.67891234"),
                    volumeQuote: try decimal("47391227.45"), bid: try decimal("3842.6"), ask: try decimal("3842.8")))
        case .book:
            // Bitstamp local book, top 2 per side; seq is the µs microtimestamp.
            return .book(
                BookUpdate(
                    header: header(.bitstamp, try market("btcusd"), ts: micros), kind: .snapshot, depth: 2,
                    bids: [
                        BookLevel(price: try decimal("97001.10"), amount: try decimal("0.01500000")),
                        BookLevel(price: try decimal("97000"), amount: try decimal("1.25000000")),
                    ],
                    asks: [
                        BookLevel(price: try decimal("97001.11"), amount: try decimal("0.34000000")),
                        BookLevel(price: try decimal("97003.5"), amount: try decimal("0.00002")),
                    ],
                    seq: 1_795_000_000_123_456))
        case .bookL3:
            return .bookL3(
                BookL3(
                    header: header(.bitstamp, try market("btcusd"), ts: micros),
                    bids: [
                        L3Level(
                            price: try decimal("97001.10"), amount: try decimal("0.01500000"),
                            orderID: "1960000000008020"),
                        L3Level(
                            price: try decimal("97001.10"), amount: try decimal("0.50000000"),
                            orderID: "1960000000008021"),
                    ],
                    asks: [
                        L3Level(
                            price: try decimal("97001.11"), amount: try decimal("0.34000000"),
                            orderID: "1960000000006208"),
                        L3Level(price: try decimal("97002"), amount: try decimal("2"), orderID: "1960000000006300"),
                    ],
                    seq: 1_795_000_000_123_456))
        case .order:
            // Bitstamp live_orders: a deleted limit buy (subtype 0); the event ids are not printed.
            return .order(
                OrderEvent(
                    header: header(.bitstamp, try market("ethusd"), ts: micros), event: .deleted,
                    id: "1960000000006208", side: .buy, price: try decimal("3805.44"),
                    amount: try decimal("0.07920000"),
                    subtype: "0", eventID: "9007199254740993", previousEventID: "9007199254740992"))
        case .candle:
            // A Bitvavo 1m candle still open when the run ended.
            return .candle(
                Candle(
                    header: header(.bitvavo, try market("BTC-EUR"), ts: Timestamp(1_794_999_960_000, .milliseconds)),
                    interval: "1m", start: Timestamp(1_794_999_960_000, .milliseconds), open: try decimal("97001.10"),
                    high: try decimal("97012"), low: try decimal("96998.5"), close: try decimal("97010.00"),
                    volume: try decimal("3.14159265"), closed: false))
        case .funding:
            // Bitstamp perpetual: a negative rate, no index price (null).
            return .funding(
                Funding(
                    header: header(
                        .bitstamp, try market("btcusd-perp"), ts: Timestamp(1_795_000_000_586, .milliseconds),
                        recv: 1_795_000_000_590_312),
                    rate: try decimal("-0.00001250"), markPrice: try decimal("97004.3"), indexPrice: nil,
                    nextFundingTime: Timestamp(1_795_017_600_000_000, .microseconds)))
        case .gap:
            // A broken Bitvavo sequence, no exchange time; since the last event's ns time.
            return .gap(
                Gap(
                    header: header(.bitvavo, try market("BTC-EUR"), ts: nil, recv: 1_795_000_007_000_001),
                    reason: .sequence, since: Timestamp(1_795_000_000_123_456_789, .nanoseconds)))
        case .market:
            return .market(
                MarketInfo(
                    header: header(.bitstamp, try market("btcusd"), ts: nil), symbol: "btcusd", trading: true,
                    description: "Bitcoin / U.S. dollar"))
        case .asset:
            // Bitvavo asset: `market` is the lone asset; no minimum withdrawal (null).
            return .asset(
                AssetInfo(
                    header: header(.bitvavo, Market(base: "BTC", quote: ""), ts: nil), name: "Bitcoin", decimals: 8,
                    depositStatus: "OK", withdrawalStatus: "MAINTENANCE", withdrawalFee: try decimal("0.00000600"),
                    withdrawalMinAmount: nil))
        case .time:
            // Bitvavo `timeNs`: no market at all.
            return .time(
                ServerTime(
                    header: header(
                        .bitvavo, Market(base: "", quote: ""), ts: Timestamp(1_795_000_000_123_456_789, .nanoseconds))))
        }
    }

    /// The markets of the samples, as a session would pass them to the table.
    static func markets() throws -> [Market] {
        try EventKind.allCases.map { try event($0).header.market }
    }
}

/// A field's value as DESIGN.md §3 documents it, read straight off the event's properties (not via `visitFields`,
/// so a field that `visitFields` mislabels or misses shows up as a difference).
enum ExpectedValue {
    /// A JSON string, or null.
    case text(String?)
    /// An exact decimal, or null.
    case decimal(DecimalString?)
    /// A time, or null.
    case time(Timestamp?)
    /// A whole number, or null.
    case integer(Int64?)
    /// A boolean.
    case bool(Bool)
    /// `[[price, amount], ...]`.
    case levels([BookLevel])
    /// `[[price, amount, order_id], ...]`.
    case orders([L3Level])

    /// Whether the value is absent.
    var isNil: Bool {
        switch self {
        case .text(let value): value == nil
        case .decimal(let value): value == nil
        case .time(let value): value == nil
        case .integer(let value): value == nil
        case .bool, .levels, .orders: false
        }
    }
}

/// One printed field: name, value, and whether JSON leaves the key out when the value is absent.
struct ExpectedField {
    /// The JSON key / CSV column name.
    let name: String
    /// The value.
    let value: ExpectedValue
    /// JSON omits the key when the value is nil ("when sent" fields such as `buy_order_id`).
    var omittedWhenNil = false

    init(_ name: String, _ value: ExpectedValue, omittedWhenNil: Bool = false) {
        self.name = name
        self.value = value
        self.omittedWhenNil = omittedWhenNil
    }

    /// Every field of `event` in the documented order, common fields first.
    static func all(of event: MarketEvent) -> [ExpectedField] {
        let header = event.header
        let symbol = header.market.symbol
        let common = [
            ExpectedField("type", .text(event.kind.rawValue)),
            ExpectedField("exchange", .text(header.exchange.rawValue)),
            ExpectedField("market", .text(symbol.isEmpty ? nil : symbol)), ExpectedField("ts", .time(header.ts)),
            ExpectedField("recv", .time(header.recv)),
        ]
        return common + own(of: event)
    }

    private static func own(of event: MarketEvent) -> [ExpectedField] {
        switch event {
        case .trade(let e):
            return [
                .init("id", .text(e.id)), .init("price", .decimal(e.price)), .init("amount", .decimal(e.amount)),
                .init("side", .text(e.side?.rawValue)),
                .init("buy_order_id", .text(e.buyOrderID), omittedWhenNil: true),
                .init("sell_order_id", .text(e.sellOrderID), omittedWhenNil: true),
            ]
        case .ticker(let e):
            return [
                .init("bid", .decimal(e.bid)), .init("bid_size", .decimal(e.bidSize)), .init("ask", .decimal(e.ask)),
                .init("ask_size", .decimal(e.askSize)), .init("last", .decimal(e.last)),
            ]
        case .ticker24h(let e):
            return [
                .init("open", .decimal(e.open)), .init("high", .decimal(e.high)), .init("low", .decimal(e.low)),
                .init("last", .decimal(e.last)), .init("volume", .decimal(e.volume)),
                .init("volume_quote", .decimal(e.volumeQuote)), .init("bid", .decimal(e.bid)),
                .init("ask", .decimal(e.ask)),
            ]
        case .book(let e):
            return [
                .init("depth", .integer(Int64(e.depth))), .init("bids", .levels(e.bids)),
                .init("asks", .levels(e.asks)),
                .init("seq", .integer(e.seq)),
            ]
        case .bookL3(let e):
            return [.init("bids", .orders(e.bids)), .init("asks", .orders(e.asks)), .init("seq", .integer(e.seq))]
        case .order(let e):
            return [
                .init("event", .text(e.event.rawValue)), .init("id", .text(e.id)),
                .init("side", .text(e.side?.rawValue)),
                .init("price", .decimal(e.price)), .init("amount", .decimal(e.amount)),
                .init("subtype", .text(e.subtype)),
            ]
        case .candle(let e):
            return [
                .init("interval", .text(e.interval)), .init("start", .time(e.start)), .init("open", .decimal(e.open)),
                .init("high", .decimal(e.high)), .init("low", .decimal(e.low)), .init("close", .decimal(e.close)),
                .init("volume", .decimal(e.volume)), .init("closed", .bool(e.closed)),
            ]
        case .funding(let e):
            return [
                .init("rate", .decimal(e.rate)), .init("mark_price", .decimal(e.markPrice)),
                .init("index_price", .decimal(e.indexPrice)), .init("next_funding_time", .time(e.nextFundingTime)),
            ]
        case .gap(let e): return [.init("reason", .text(e.reason.rawValue)), .init("since", .time(e.since))]
        case .market(let e):
            return [
                .init("symbol", .text(e.symbol)), .init("trading", .bool(e.trading)),
                .init("description", .text(e.description)),
            ]
        case .asset(let e):
            return [
                .init("name", .text(e.name)), .init("decimals", .integer(e.decimals)),
                .init("deposit_status", .text(e.depositStatus)), .init("withdrawal_status", .text(e.withdrawalStatus)),
                .init("withdrawal_fee", .decimal(e.withdrawalFee)),
                .init("withdrawal_min_amount", .decimal(e.withdrawalMinAmount)),
            ]
        case .time: return []
        }
    }
}

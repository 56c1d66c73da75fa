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
        case .fill:
            // Bitvavo account fill: a maker buy with its fee in EUR (client order id not sent: null).
            return .fill(
                Fill(
                    header: header(.bitvavo, try market("BTC-EUR"), ts: Timestamp(1_795_000_000_119, .milliseconds)),
                    id: "15d14b09-389d-4f83-9413-de9d0d8e7715", orderID: "6a830458-c886-407b-b076-d7103de5ce74",
                    side: .buy, price: try decimal("97001.10"), amount: try decimal("0.00296444"),
                    fee: try decimal("0.02440018"), feeCurrency: "EUR", liquidity: "maker"))
        case .settlement:
            // Bitstamp my_settlements: account-wide (market null), negative amounts, seconds.
            var settlement = Settlement(
                header: header(.bitstamp, .accountWide, ts: Timestamp(1_795_000_000, .seconds)), event: "settlement")
            settlement.id = "123123"
            settlement.positionID = "1234567890"
            settlement.currency = "USD"
            settlement.amount = try decimal("-1.5")
            settlement.price = try decimal("61200")
            settlement.strikePrice = try decimal("61000")
            settlement.fromPrice = try decimal("-1")
            settlement.fromTradingFees = try decimal("-0.25")
            settlement.fromLiquidationFees = try decimal("0")
            settlement.fromFunding = try decimal("-0.25")
            settlement.settlementType = "C"
            return .settlement(settlement)
        case .liquidation:
            // Bitstamp my_liquidations: the liquidation_start stage of an isolated position.
            var liquidation = Liquidation(
                header: header(.bitstamp, .accountWide, ts: micros), event: "liquidation_start")
            liquidation.positionID = "1234567890"
            liquidation.marginMode = "ISOLATED"
            liquidation.initialMarginRatio = try decimal("1.2")
            liquidation.maintenanceMarginRatio = try decimal("0.90")
            return .liquidation(liquidation)
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
                .init("subtype", .text(e.subtype)), .init("status", .text(e.account?.status)),
                .init("amount_filled", .decimal(e.account?.amountFilled)),
                .init("amount_original", .decimal(e.account?.amountOriginal)),
                .init("client_order_id", .text(e.account?.clientOrderID)),
                .init("stop_price", .decimal(e.account?.stopPrice)),
            ]
        case .fill(let e):
            return [
                .init("id", .text(e.id)), .init("order_id", .text(e.orderID)), .init("side", .text(e.side?.rawValue)),
                .init("price", .decimal(e.price)), .init("amount", .decimal(e.amount)), .init("fee", .decimal(e.fee)),
                .init("fee_currency", .text(e.feeCurrency)), .init("liquidity", .text(e.liquidity)),
                .init("client_order_id", .text(e.clientOrderID)), .init("self_trade", .bool(e.selfTrade)),
                .init("counter_order_id", .text(e.counterOrderID), omittedWhenNil: true),
            ]
        case .settlement(let e):
            return [
                .init("event", .text(e.event)), .init("id", .text(e.id)), .init("position_id", .text(e.positionID)),
                .init("currency", .text(e.currency)), .init("amount", .decimal(e.amount)),
                .init("price", .decimal(e.price)), .init("strike_price", .decimal(e.strikePrice)),
                .init("from_price", .decimal(e.fromPrice)), .init("from_trading_fees", .decimal(e.fromTradingFees)),
                .init("from_liquidation_fees", .decimal(e.fromLiquidationFees)),
                .init("from_funding", .decimal(e.fromFunding)), .init("settlement_type", .text(e.settlementType)),
            ]
        case .liquidation(let e):
            return [
                .init("event", .text(e.event)), .init("position_id", .text(e.positionID)),
                .init("margin_mode", .text(e.marginMode)),
                .init("initial_margin_ratio", .decimal(e.initialMarginRatio)),
                .init("maintenance_margin_ratio", .decimal(e.maintenanceMarginRatio)),
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

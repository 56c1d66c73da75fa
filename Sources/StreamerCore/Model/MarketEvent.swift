/// One normalized event, whatever the exchange (DESIGN.md §3).
///
/// Events are moved several times between decoding and printing, so the enum is kept to the size of a trade: the
/// payloads larger than that (24-hour tickers, orders, fills, settlements, candles), whose events come far less often
/// than trades or book updates, are boxed (`indirect`), an allocation each.
public enum MarketEvent: Equatable, Sendable {
    /// A public trade.
    case trade(Trade)
    /// Best bid and ask.
    case ticker(Ticker)
    /// 24-hour statistics.
    indirect case ticker24h(Ticker24h)
    /// Price levels of a book: a local book's top, an exchange snapshot, or (inside the pipeline only) a diff.
    case book(BookUpdate)
    /// Individual orders of the top of the book.
    case bookL3(BookL3)
    /// An order created, changed or deleted.
    indirect case order(OrderEvent)
    /// One of the account's own trades.
    indirect case fill(Fill)
    /// A settlement of the account's position.
    indirect case settlement(Settlement)
    /// A margin alert or liquidation stage of the account's position.
    case liquidation(Liquidation)
    /// An OHLCV candle.
    indirect case candle(Candle)
    /// A perpetual's funding rate.
    case funding(Funding)
    /// Data may be missing between two events.
    case gap(Gap)
    /// A listed market (one-shot `get markets`).
    case market(MarketInfo)
    /// A listed asset (one-shot `get assets`).
    case asset(AssetInfo)
    /// The exchange's clock (one-shot `get time`).
    case time(ServerTime)

    /// The fields every event shares.
    public var header: EventHeader {
        switch self {
        case .trade(let event): event.header
        case .ticker(let event): event.header
        case .ticker24h(let event): event.header
        case .book(let event): event.header
        case .bookL3(let event): event.header
        case .order(let event): event.header
        case .fill(let event): event.header
        case .settlement(let event): event.header
        case .liquidation(let event): event.header
        case .candle(let event): event.header
        case .funding(let event): event.header
        case .gap(let event): event.header
        case .market(let event): event.header
        case .asset(let event): event.header
        case .time(let event): event.header
        }
    }

    /// The `type` value printed for this event.
    public var typeName: String { kind.rawValue }

    /// The event's type as a value (for CSV files per type and `--fields`).
    public var kind: EventKind {
        switch self {
        case .trade: .trade
        case .ticker: .ticker
        case .ticker24h: .ticker24h
        case .book: .book
        case .bookL3: .bookL3
        case .order: .order
        case .fill: .fill
        case .settlement: .settlement
        case .liquidation: .liquidation
        case .candle: .candle
        case .funding: .funding
        case .gap: .gap
        case .market: .market
        case .asset: .asset
        case .time: .time
        }
    }
}

/// The printed event types.
public enum EventKind: String, CaseIterable, Sendable {
    case trade, ticker, ticker24h, book
    case bookL3 = "book_l3"
    case order, fill, settlement, liquidation, candle, funding, gap, market, asset, time

    /// The raw value as a literal, for renderers that copy bytes.
    public var literal: StaticString {
        switch self {
        case .trade: "trade"
        case .ticker: "ticker"
        case .ticker24h: "ticker24h"
        case .book: "book"
        case .bookL3: "book_l3"
        case .order: "order"
        case .fill: "fill"
        case .settlement: "settlement"
        case .liquidation: "liquidation"
        case .candle: "candle"
        case .funding: "funding"
        case .gap: "gap"
        case .market: "market"
        case .asset: "asset"
        case .time: "time"
        }
    }
}

/// Fields common to every event: where it came from and when.
public struct EventHeader: Equatable, Sendable {
    /// The exchange.
    public var exchange: ExchangeID
    /// The market, in canonical form.
    public var market: Market
    /// The exchange's own time for the event, at its native resolution, when it sent one.
    public var ts: Timestamp?
    /// When the message carrying the event was received here.
    public var recv: Timestamp

    /// A header with all common fields.
    public init(exchange: ExchangeID, market: Market, ts: Timestamp?, recv: Timestamp) {
        self.exchange = exchange
        self.market = market
        self.ts = ts
        self.recv = recv
    }
}

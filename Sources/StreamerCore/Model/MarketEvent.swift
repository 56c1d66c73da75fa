/// One normalized event, whatever the exchange (DESIGN.md §3).
public enum MarketEvent: Equatable, Sendable {
    /// A public trade.
    case trade(Trade)
    /// Data may be missing between two events.
    case gap(Gap)

    /// The fields every event shares.
    public var header: EventHeader {
        switch self {
        case .trade(let trade): trade.header
        case .gap(let gap): gap.header
        }
    }

    /// The `type` value printed for this event.
    public var typeName: String {
        switch self {
        case .trade: "trade"
        case .gap: "gap"
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

/// A public trade (`type: trade`). Ids are strings: Bitstamp's can pass 2^53 and Bitvavo's are UUIDs.
public struct Trade: Equatable, Sendable {
    /// Common fields.
    public var header: EventHeader
    /// The exchange's trade id.
    public var id: String
    /// Price, exact.
    public var price: DecimalString
    /// Base amount, exact.
    public var amount: DecimalString
    /// The taker's side, when the exchange says.
    public var side: Side?
    /// Bitstamp's buy order id.
    public var buyOrderID: String?
    /// Bitstamp's sell order id.
    public var sellOrderID: String?

    /// A trade with every field.
    public init(
        header: EventHeader, id: String, price: DecimalString, amount: DecimalString, side: Side?,
        buyOrderID: String? = nil, sellOrderID: String? = nil
    ) {
        self.header = header
        self.id = id
        self.price = price
        self.amount = amount
        self.side = side
        self.buyOrderID = buyOrderID
        self.sellOrderID = sellOrderID
    }
}

/// A hole in the data (`type: gap`): disconnect, resync or a broken sequence.
public struct Gap: Equatable, Sendable {
    /// Why data may be missing.
    public enum Reason: String, Sendable {
        case disconnect, resync, sequence
    }
    /// Common fields.
    public var header: EventHeader
    /// Why.
    public var reason: Reason
    /// The time of the last event before the gap, if any.
    public var since: Timestamp?

    /// A gap record.
    public init(header: EventHeader, reason: Reason, since: Timestamp?) {
        self.header = header
        self.reason = reason
        self.since = since
    }
}

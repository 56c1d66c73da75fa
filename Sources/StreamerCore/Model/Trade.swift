/// A public trade (`type: trade`).
///
/// Ids are strings: Bitstamp's can pass 2^53 and Bitvavo's are UUIDs.
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

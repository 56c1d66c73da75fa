/// A public trade (`type: trade`).
///
/// Ids are text: Bitstamp's can pass 2^53 and Bitvavo's are UUIDs. They are kept as `IDText` (inline, no allocation
/// for Bitstamp's) and read as `String`s.
public struct Trade: Equatable, Sendable {
    /// Common fields.
    public var header: EventHeader
    /// The exchange's trade id.
    public var idText: IDText
    /// Price, exact.
    public var price: DecimalString
    /// Base amount, exact.
    public var amount: DecimalString
    /// The taker's side, when the exchange says.
    public var side: Side?
    /// Bitstamp's buy order id.
    public var buyOrderIDText: IDText?
    /// Bitstamp's sell order id.
    public var sellOrderIDText: IDText?

    /// The exchange's trade id.
    public var id: String {
        get { idText.description }
        set { idText = IDText(newValue) }
    }
    /// Bitstamp's buy order id.
    public var buyOrderID: String? {
        get { buyOrderIDText?.description }
        set { buyOrderIDText = newValue.map(IDText.init) }
    }
    /// Bitstamp's sell order id.
    public var sellOrderID: String? {
        get { sellOrderIDText?.description }
        set { sellOrderIDText = newValue.map(IDText.init) }
    }
}

extension Trade {
    /// A trade with every field.
    ///
    /// In an extension, so that the memberwise `init(header:idText:price:amount:side:buyOrderIDText:sellOrderIDText:)`
    /// stays synthesized: an explicit one assigning field by field leaves a copy and a destroy of the whole trade that
    /// the optimizer does not remove (about 370 instructions per decoded trade).
    public init(
        header: EventHeader, id: String, price: DecimalString, amount: DecimalString, side: Side?,
        buyOrderID: String? = nil, sellOrderID: String? = nil
    ) {
        self.init(
            header: header, idText: IDText(id), price: price, amount: amount, side: side,
            buyOrderIDText: buyOrderID.map(IDText.init), sellOrderIDText: sellOrderID.map(IDText.init))
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

/// An order created, changed or deleted (`type: order`), from Bitstamp's `live_orders_X`.
public struct OrderEvent: Equatable, Sendable {
    /// What happened to the order.
    public enum Change: String, Sendable {
        case created, changed, deleted
    }
    /// Common fields.
    public var header: EventHeader
    /// What happened.
    public var event: Change
    /// The exchange's order id.
    public var id: String
    /// Buy or sell.
    public var side: Side?
    /// Limit price, exact.
    public var price: DecimalString
    /// Remaining amount, exact.
    public var amount: DecimalString
    /// The exchange's order subtype (Bitstamp: 0 limit, 2 market, 4 IOC limit, 6 FOK limit, 8 GTD limit).
    public var subtype: String?
    /// This event's id in the exchange's chain (not printed; checked for gaps).
    public var eventID: String?
    /// The id of the event before this one (not printed; checked for gaps).
    public var previousEventID: String?

    /// An order event with every field.
    public init(
        header: EventHeader, event: Change, id: String, side: Side?, price: DecimalString, amount: DecimalString,
        subtype: String?, eventID: String? = nil, previousEventID: String? = nil
    ) {
        self.header = header
        self.event = event
        self.id = id
        self.side = side
        self.price = price
        self.amount = amount
        self.subtype = subtype
        self.eventID = eventID
        self.previousEventID = previousEventID
    }
}

/// An order created, changed or deleted (`type: order`): a market's orders from Bitstamp's `live_orders_X`, or the
/// account's own orders (Bitstamp `my_orders`, Bitvavo `account`), which also carry the `AccountOrder` fields.
public struct OrderEvent: Equatable, Sendable {
    /// What happened to the order.
    public enum Change: String, Sendable {
        case created, changed, deleted
        /// Bitstamp `order_replaced`: the order took the place of another (private channel only).
        case replaced
        /// Bitstamp `stop_active`: a stop order was triggered (private channel only).
        case stopActive = "stop_active"
        /// Bitstamp `stop_inactive`: a stop order was placed, not yet triggered (private channel only).
        case stopInactive = "stop_inactive"
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
    /// The account's view of its own order (status, fills, client id); nil for a market's public orders.
    public var account: AccountOrder?
    /// This event's id in the exchange's chain (not printed; checked for gaps).
    public var eventID: String?
    /// The id of the event before this one (not printed; checked for gaps).
    public var previousEventID: String?

    /// An order event with every field.
    public init(
        header: EventHeader, event: Change, id: String, side: Side?, price: DecimalString, amount: DecimalString,
        subtype: String?, account: AccountOrder? = nil, eventID: String? = nil, previousEventID: String? = nil
    ) {
        self.account = account
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

/// What the exchange tells an account about its own order, beyond a public order event.
public struct AccountOrder: Equatable, Sendable {
    /// The exchange's status word (Bitvavo `status`: `new`, `partiallyFilled`, `filled`, `canceled`, ...).
    public var status: String?
    /// Amount filled so far (Bitstamp `amount_traded`, Bitvavo `filledAmount`).
    public var amountFilled: DecimalString?
    /// Amount when the order was placed (Bitstamp `amount_at_create`, Bitvavo `amount`).
    public var amountOriginal: DecimalString?
    /// The id the client gave the order.
    public var clientOrderID: String?
    /// The trigger price of a stop order.
    public var stopPrice: DecimalString?

    /// Account fields, each optional.
    public init(
        status: String? = nil, amountFilled: DecimalString? = nil, amountOriginal: DecimalString? = nil,
        clientOrderID: String? = nil, stopPrice: DecimalString? = nil
    ) {
        self.status = status
        self.amountFilled = amountFilled
        self.amountOriginal = amountOriginal
        self.clientOrderID = clientOrderID
        self.stopPrice = stopPrice
    }
}

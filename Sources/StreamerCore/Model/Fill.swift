/// One of the account's own trades (`type: fill`): Bitstamp `my_trades` and `self_trade`, Bitvavo `account` fills.
public struct Fill: Equatable, Sendable {
    /// Common fields.
    public var header: EventHeader
    /// The exchange's trade (fill) id.
    public var id: String
    /// The account's order that was filled (for a self trade: the taker's order).
    public var orderID: String?
    /// The account's side of the fill (for a self trade: the taker's side).
    public var side: Side?
    /// Price, exact.
    public var price: DecimalString
    /// Base amount, exact.
    public var amount: DecimalString
    /// The fee charged, exact.
    public var fee: DecimalString?
    /// The fee's currency, when the exchange says.
    public var feeCurrency: String?
    /// `taker` or `maker`, when the exchange says.
    public var liquidity: String?
    /// The id the client gave the order.
    public var clientOrderID: String?
    /// For a self trade: the other order of the trade (also the account's).
    public var counterOrderID: String?
    /// Whether both sides of the trade were the account's own orders (Bitstamp `self-trades`).
    public var selfTrade: Bool

    /// A fill with every field.
    public init(
        header: EventHeader, id: String, orderID: String?, side: Side?, price: DecimalString, amount: DecimalString,
        fee: DecimalString? = nil, feeCurrency: String? = nil, liquidity: String? = nil, clientOrderID: String? = nil,
        counterOrderID: String? = nil, selfTrade: Bool = false
    ) {
        self.header = header
        self.id = id
        self.orderID = orderID
        self.side = side
        self.price = price
        self.amount = amount
        self.fee = fee
        self.feeCurrency = feeCurrency
        self.liquidity = liquidity
        self.clientOrderID = clientOrderID
        self.counterOrderID = counterOrderID
        self.selfTrade = selfTrade
    }
}

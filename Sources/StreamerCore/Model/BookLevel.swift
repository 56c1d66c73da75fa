/// One price level of an order book, as received or as printed: exact price and size text.
public struct BookLevel: Equatable, Sendable {
    /// The level's price, exactly as the exchange sent it.
    public var price: DecimalString
    /// The total size resting at that price, exactly as sent; zero means the level is gone.
    public var amount: DecimalString

    /// A level from its price and amount.
    public init(price: DecimalString, amount: DecimalString) {
        self.price = price
        self.amount = amount
    }
}

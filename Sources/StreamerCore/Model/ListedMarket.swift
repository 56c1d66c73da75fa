/// A market as the exchange lists it: its wire symbol and whether it trades.
public struct ListedMarket: Equatable, Sendable {
    /// The exchange's own id (`btcusd`, `BTC-EUR`).
    public var wireSymbol: String
    /// Whether the market is open for trading (not halted or disabled).
    public var isTrading: Bool
    /// The exchange's description, if any.
    public var description: String?
    /// The exchange's display name (`BTC/USD`), if any.
    public var name: String?

    /// A listed market.
    public init(wireSymbol: String, isTrading: Bool, description: String? = nil, name: String? = nil) {
        self.wireSymbol = wireSymbol
        self.isTrading = isTrading
        self.description = description
        self.name = name
    }

    /// Our canonical market for it: from the display name, else from the symbol.
    public var market: Market? { name.flatMap(Market.parse) ?? Market.parse(wireSymbol) }
}

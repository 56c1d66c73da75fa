/// Which side of an order book a level rests on.
public enum BookSide: Sendable {
    /// Buy orders; best is the highest price.
    case bid
    /// Sell orders; best is the lowest price.
    case ask
}

/// The taker side of a trade, or the side of an order.
public enum Side: String, Sendable {
    case buy
    case sell
}

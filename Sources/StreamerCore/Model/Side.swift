/// The taker side of a trade, or the side of an order.
public enum Side: String, Sendable {
    case buy
    case sell

    /// The raw value as a literal, for renderers that copy bytes.
    public var literal: StaticString {
        switch self {
        case .buy: "buy"
        case .sell: "sell"
        }
    }
}

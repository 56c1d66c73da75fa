/// Why a book cannot be kept in sync.
public enum BookError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A price has more than 18 significant fraction digits or is too large for `PriceKey`.
    case unrepresentablePrice(DecimalString)
    /// Every snapshot fetched was older than the buffered updates, so none could be aligned with them.
    case snapshotUnaligned(attempts: Int)
    /// The snapshot request itself failed this many times in a row.
    case snapshotUnavailable(attempts: Int)

    public var description: String {
        switch self {
        case .unrepresentablePrice(let price):
            "price '\(price)' has more than \(PriceKey.fractionDigits) decimals or is out of range"
        case .snapshotUnaligned(let attempts):
            "no book snapshot lined up with the buffered updates after \(attempts) attempts"
        case .snapshotUnavailable(let attempts):
            "the book snapshot request failed \(attempts) times"
        }
    }
}

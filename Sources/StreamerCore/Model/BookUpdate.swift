/// Price levels of one market (`type: book`): a local book's top `depth`, or an exchange's own snapshot.
public struct BookUpdate: Equatable, Sendable {
    /// What the levels are.
    public enum Kind: Equatable, Sendable {
        /// The complete top of the book (an exchange snapshot or our local book's top).
        case snapshot
        /// Changed levels only, absolute sizes, zero deletes; consumed by the local book, never printed.
        case diff
    }
    /// Common fields.
    public var header: EventHeader
    /// Snapshot or diff.
    public var kind: Kind
    /// How many levels per side were asked for (`--depth`), or the snapshot's own depth.
    public var depth: Int
    /// Bids, best first.
    public var bids: [BookLevel]
    /// Asks, best first.
    public var asks: [BookLevel]
    /// The book version: Bitstamp microtimestamp, Bitvavo nonce.
    public var seq: Int64?

    /// A book update with every field.
    public init(header: EventHeader, kind: Kind, depth: Int, bids: [BookLevel], asks: [BookLevel], seq: Int64?) {
        self.header = header
        self.kind = kind
        self.depth = depth
        self.bids = bids
        self.asks = asks
        self.seq = seq
    }
}

/// One order in an L3 book: price, remaining amount and the order id.
public struct L3Level: Equatable, Sendable {
    /// Price, exact.
    public var price: DecimalString
    /// Amount, exact.
    public var amount: DecimalString
    /// The exchange's order id.
    public var orderID: String

    /// An L3 level.
    public init(price: DecimalString, amount: DecimalString, orderID: String) {
        self.price = price
        self.amount = amount
        self.orderID = orderID
    }
}

/// The top orders per side (`type: book_l3`), one entry per order.
public struct BookL3: Equatable, Sendable {
    /// Common fields.
    public var header: EventHeader
    /// Bid orders, best first.
    public var bids: [L3Level]
    /// Ask orders, best first.
    public var asks: [L3Level]
    /// The book version (Bitstamp microtimestamp).
    public var seq: Int64?

    /// An L3 snapshot.
    public init(header: EventHeader, bids: [L3Level], asks: [L3Level], seq: Int64?) {
        self.header = header
        self.bids = bids
        self.asks = asks
        self.seq = seq
    }
}

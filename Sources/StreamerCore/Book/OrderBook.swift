/// An exact-decimal price-level order book: absolute sizes per price, keyed by `PriceKey`.
///
/// Levels print with the price text most recently received for them and the amount text exactly as sent.
/// Each side is a `BookLadder`: levels in sorted blocks with the best price last, O(log n) updates and a cheap top N.
public struct OrderBook: Equatable, Sendable {
    /// Buy side.
    private var bids = BookLadder(side: .bid)
    /// Sell side.
    private var asks = BookLadder(side: .ask)
    /// How many better levels the nearest level touched by the last change had on its side: 0 for the best level,
    /// at most `BookLadder.distanceLimit` (1,024), `Int.max` when it changed nothing (deleting missing levels), 0
    /// after `replace` and `removeAll`.
    ///
    /// `top(n)` is what it was before that change when this is at least `n`, so a local book can skip comparing its
    /// top with what it printed. A set that repeats a level's text still counts as a change.
    public private(set) var lastChangeDistance = 0

    /// An empty book.
    public init() {}

    /// An empty book whose sides split into blocks of `blockCapacity` levels (small values exercise the block
    /// splits and merges in tests).
    init(blockCapacity: Int) {
        bids = BookLadder(side: .bid, blockCapacity: blockCapacity)
        asks = BookLadder(side: .ask, blockCapacity: blockCapacity)
    }

    /// A book holding a snapshot (see `replace(bids:asks:)`).
    public init(bids: [BookLevel], asks: [BookLevel]) throws(BookError) {
        try replace(bids: bids, asks: asks)
    }

    /// Whether both sides' block structures are consistent (for tests).
    var invariantsHold: Bool { bids.invariantsHold && asks.invariantsHold }

    /// The number of bid price levels.
    public var bidCount: Int { bids.count }
    /// The number of ask price levels.
    public var askCount: Int { asks.count }
    /// Whether both sides are empty.
    public var isEmpty: Bool { bids.count == 0 && asks.count == 0 }

    /// The highest bid, if any.
    public var bestBid: BookLevel? { bids.best }
    /// The lowest ask, if any.
    public var bestAsk: BookLevel? { asks.best }

    /// Whether the best bid is at or above the best ask (false while either side is empty).
    public var isCrossed: Bool {
        guard let bid = bids.bestKey, let ask = asks.bestKey else { return false }
        return bid >= ask
    }

    /// Books are equal when their levels are, however they were last changed.
    public static func == (lhs: OrderBook, rhs: OrderBook) -> Bool {
        lhs.bids == rhs.bids && lhs.asks == rhs.asks
    }

    /// Sets the absolute size at `price`; a zero `amount` deletes the level, and deleting a missing one is a no-op.
    public mutating func apply(side: BookSide, price: DecimalString, amount: DecimalString) throws(BookError) {
        lastChangeDistance = 0  // until it succeeds
        lastChangeDistance = try change(side, price: price, amount: amount)
    }

    /// Applies every level of a diff, bids first, in the order given.
    public mutating func apply(bids: [BookLevel], asks: [BookLevel]) throws(BookError) {
        lastChangeDistance = 0  // until every level is in: a throw leaves the book partly changed
        var nearest = Int.max
        for level in bids { nearest = min(nearest, try change(.bid, price: level.price, amount: level.amount)) }
        for level in asks { nearest = min(nearest, try change(.ask, price: level.price, amount: level.amount)) }
        lastChangeDistance = nearest
    }

    /// Sets or deletes one level; returns its distance from the best (`Int.max` for deleting a missing level).
    @inline(__always)
    private mutating func change(_ side: BookSide, price: DecimalString, amount: DecimalString) throws(BookError)
        -> Int
    {
        guard let key = PriceKey(price) else { throw .unrepresentablePrice(price) }
        if amount.isZero {
            switch side {
            case .bid: return bids.remove(key)
            case .ask: return asks.remove(key)
            }
        }
        let level = BookLevel(price: price, amount: amount)
        switch side {
        case .bid: return bids.set(key, level)
        case .ask: return asks.set(key, level)
        }
    }

    /// Replaces the whole book with a snapshot in any order; a repeated price keeps its last entry, zeros are skipped.
    ///
    /// Nothing changes when it throws.
    public mutating func replace(bids: [BookLevel], asks: [BookLevel]) throws(BookError) {
        let bidEntries = try OrderBook.keyed(bids)
        let askEntries = try OrderBook.keyed(asks)
        self.bids.replaceAll(with: bidEntries)
        self.asks.replaceAll(with: askEntries)
        lastChangeDistance = 0
    }

    /// Removes every level.
    public mutating func removeAll() {
        bids.removeAll()
        asks.removeAll()
        lastChangeDistance = 0
    }

    /// Up to `n` levels per side, best first: bids descending, asks ascending.
    public func top(_ n: Int) -> (bids: [BookLevel], asks: [BookLevel]) {
        (bids.top(n), asks.top(n))
    }

    /// The level resting at `price` (compared numerically) on `side`, if any.
    public func level(_ side: BookSide, at price: DecimalString) -> BookLevel? {
        guard let key = PriceKey(price) else { return nil }
        switch side {
        case .bid: return bids.level(at: key)
        case .ask: return asks.level(at: key)
        }
    }

    /// Pairs each level with its key, failing on the first price a `PriceKey` cannot hold.
    private static func keyed(_ levels: [BookLevel]) throws(BookError) -> [(key: PriceKey, level: BookLevel)] {
        var entries: [(key: PriceKey, level: BookLevel)] = []
        entries.reserveCapacity(levels.count)
        for level in levels {
            guard let key = PriceKey(level.price) else { throw .unrepresentablePrice(level.price) }
            entries.append((key, level))
        }
        return entries
    }
}

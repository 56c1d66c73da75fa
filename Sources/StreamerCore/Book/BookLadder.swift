/// One side of an `OrderBook`: levels sorted so the best price is last, found by binary search.
///
/// Keeping the best level at the end makes the frequent changes near the top of the book cheap: an insert or
/// delete there moves only the few elements above it, and reading the top N is a walk back from the end.
struct BookLadder: Equatable, Sendable {
    /// Which side this is; decides the sort direction.
    let side: BookSide
    /// Sort keys, strictly ascending: the scaled price for bids, its negation for asks, so the best is last.
    private(set) var ranks: [Int128] = []
    /// The levels as last received, parallel to `ranks`.
    private(set) var levels: [BookLevel] = []

    /// An empty side.
    init(side: BookSide) {
        self.side = side
    }

    /// The number of price levels.
    var count: Int { ranks.count }

    /// The best level, if any.
    var best: BookLevel? { levels.last }

    /// The key of the best level, if any.
    var bestKey: PriceKey? {
        guard let rank = ranks.last else { return nil }
        return key(forRank: rank)
    }

    /// The sort key for `key` on this side.
    func rank(of key: PriceKey) -> Int128 {
        side == .bid ? key.scaled : -key.scaled
    }

    /// The price key a sort key stands for.
    func key(forRank rank: Int128) -> PriceKey {
        PriceKey(scaled: side == .bid ? rank : -rank)
    }

    /// The index holding `rank`, or where it would be inserted to keep `ranks` sorted.
    func search(_ rank: Int128) -> (index: Int, found: Bool) {
        ranks.withUnsafeBufferPointer { buffer in
            var low = 0
            var high = buffer.count
            while low < high {
                let middle = (low &+ high) >> 1
                if buffer[middle] < rank { low = middle &+ 1 } else { high = middle }
            }
            return (low, low < buffer.count && buffer[low] == rank)
        }
    }

    /// The level stored at `key`, if any.
    func level(at key: PriceKey) -> BookLevel? {
        let (index, found) = search(rank(of: key))
        return found ? levels[index] : nil
    }

    /// Sets the level at `key`, replacing its price text and amount if present; returns its distance from the best.
    ///
    /// The distance is how many better levels it has (0: it is the best). The top N levels are unchanged when it is
    /// N or more: the level sits below them, and an insert there moves none of them.
    @discardableResult
    mutating func set(_ key: PriceKey, _ level: BookLevel) -> Int {
        let rank = rank(of: key)
        let (index, found) = search(rank)
        if found {
            levels[index] = level
        } else {
            ranks.insert(rank, at: index)
            levels.insert(level, at: index)
        }
        return ranks.count &- 1 &- index
    }

    /// Removes the level at `key`; returns how many better levels it had, or `Int.max` when there was none (a no-op).
    ///
    /// Removing a level at distance N or more leaves the top N unchanged; a nearer one pulls a deeper level up.
    @discardableResult
    mutating func remove(_ key: PriceKey) -> Int {
        let (index, found) = search(rank(of: key))
        guard found else { return Int.max }
        let distance = ranks.count &- 1 &- index
        ranks.remove(at: index)
        levels.remove(at: index)
        return distance
    }

    /// Replaces every level; for equal keys the later entry wins, and zero amounts are left out.
    mutating func replaceAll(with entries: [(key: PriceKey, level: BookLevel)]) {
        let order = entries.indices
            .filter { !entries[$0].level.amount.isZero }
            .map { (rank: rank(of: entries[$0].key), index: $0) }
            .sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.index < $1.index }
        ranks.removeAll(keepingCapacity: true)
        levels.removeAll(keepingCapacity: true)
        ranks.reserveCapacity(order.count)
        levels.reserveCapacity(order.count)
        for (rank, index) in order {
            if ranks.last == rank {
                levels[levels.count - 1] = entries[index].level  // a later duplicate replaces the earlier one
            } else {
                ranks.append(rank)
                levels.append(entries[index].level)
            }
        }
    }

    /// Removes every level, keeping the storage.
    mutating func removeAll() {
        ranks.removeAll(keepingCapacity: true)
        levels.removeAll(keepingCapacity: true)
    }

    /// Up to `n` levels, best first.
    func top(_ n: Int) -> [BookLevel] {
        let count = min(max(n, 0), levels.count)
        // Element by element: `Array(levels.suffix(n).reversed())` went through a generic sequence copy.
        var result: [BookLevel] = []
        result.reserveCapacity(count)
        var index = levels.count
        while result.count < count {
            index &-= 1
            result.append(levels[index])
        }
        return result
    }
}

/// One side of an `OrderBook`: levels in ascending rank order (the best price last), kept in blocks of at most
/// `blockCapacity` levels, found by binary search over the blocks' largest ranks and then within one block.
///
/// An update costs O(log n) comparisons and moves at most one block's levels; only when a block splits or empties
/// does the short list of blocks shift (n / 64 entries). A single sorted array moved every level above the change:
/// at 10,000 levels a side, inserts and deletes deep in the book ran at about 290,000 a second instead of millions.
/// Reading the top N walks back from the last block.
struct BookLadder: Sendable {
    /// A run of consecutive levels: sort keys strictly ascending and the levels as last received, in parallel.
    private struct Block: Sendable {
        var ranks: [Int128]
        var levels: [BookLevel]
    }

    /// Which side this is; decides the sort direction.
    let side: BookSide
    /// The most levels a block holds before it splits in two.
    let blockCapacity: Int
    /// Every level, block after block; no block is empty.
    private var blocks: [Block] = []
    /// The largest rank of each block (its last), parallel to `blocks`: what the block search compares.
    private var maxima: [Int128] = []
    /// The number of price levels.
    private(set) var count = 0

    /// Distances from the best level are exact below this and reported as this beyond it: callers only compare them
    /// with a depth of at most 1,000 levels, and counting further would walk the whole side.
    static let distanceLimit = 1_024

    /// An empty side; `blockCapacity` is small only in tests, to exercise splits and merges.
    init(side: BookSide, blockCapacity: Int = 64) {
        self.side = side
        self.blockCapacity = max(blockCapacity, 4)
    }

    /// The best level, if any.
    var best: BookLevel? { blocks.last?.levels.last }

    /// The key of the best level, if any.
    var bestKey: PriceKey? {
        guard let rank = maxima.last else { return nil }
        return key(forRank: rank)
    }

    /// The sort key for `key` on this side: the scaled price for bids, its negation for asks, so the best is last.
    func rank(of key: PriceKey) -> Int128 {
        side == .bid ? key.scaled : -key.scaled
    }

    /// The price key a sort key stands for.
    func key(forRank rank: Int128) -> PriceKey {
        PriceKey(scaled: side == .bid ? rank : -rank)
    }

    /// The block that holds `rank` or should: the first whose largest rank is at least `rank`, else the last one.
    ///
    /// Needs at least one block.
    private func blockIndex(for rank: Int128) -> Int {
        maxima.withUnsafeBufferPointer { buffer in
            var low = 0
            var high = buffer.count
            while low < high {
                let middle = (low &+ high) >> 1
                if buffer[middle] < rank { low = middle &+ 1 } else { high = middle }
            }
            return min(low, buffer.count &- 1)
        }
    }

    /// The index of `rank` within block `block`, or where it would be inserted to keep the block sorted.
    private func search(_ rank: Int128, in block: Int) -> (index: Int, found: Bool) {
        blocks[block].ranks.withUnsafeBufferPointer { buffer in
            var low = 0
            var high = buffer.count
            while low < high {
                let middle = (low &+ high) >> 1
                if buffer[middle] < rank { low = middle &+ 1 } else { high = middle }
            }
            return (low, low < buffer.count && buffer[low] == rank)
        }
    }

    /// How many levels are better than position `index` of block `block`, counted up to `distanceLimit`.
    private func distance(block: Int, index: Int) -> Int {
        var better = blocks[block].ranks.count &- 1 &- index
        var next = block &+ 1
        while next < blocks.count && better < Self.distanceLimit {
            better &+= blocks[next].ranks.count
            next &+= 1
        }
        return min(better, Self.distanceLimit)
    }

    /// The level stored at `key`, if any.
    func level(at key: PriceKey) -> BookLevel? {
        guard !blocks.isEmpty else { return nil }
        let rank = rank(of: key)
        let block = blockIndex(for: rank)
        let (index, found) = search(rank, in: block)
        return found ? blocks[block].levels[index] : nil
    }

    /// Sets the level at `key`, replacing its price text and amount if present; returns its distance from the best.
    ///
    /// The distance is how many better levels it has (0: it is the best; `distanceLimit` at most). The top N levels
    /// are unchanged when it is N or more: the level sits below them, and an insert there moves none of them.
    @discardableResult
    mutating func set(_ key: PriceKey, _ level: BookLevel) -> Int {
        let rank = rank(of: key)
        guard !blocks.isEmpty else {
            blocks = [Block(ranks: [rank], levels: [level])]
            maxima = [rank]
            count = 1
            return 0
        }
        let block = blockIndex(for: rank)
        let (index, found) = search(rank, in: block)
        if found {
            blocks[block].levels[index] = level
            return distance(block: block, index: index)
        }
        blocks[block].ranks.insert(rank, at: index)
        blocks[block].levels.insert(level, at: index)
        count &+= 1
        if rank > maxima[block] { maxima[block] = rank }  // only past the last block's end
        let distance = distance(block: block, index: index)
        if blocks[block].ranks.count > blockCapacity { split(block) }
        return distance
    }

    /// Removes the level at `key`; returns how many better levels it had (up to `distanceLimit`), or `Int.max` when
    /// there was none (a no-op).
    ///
    /// Removing a level at distance N or more leaves the top N unchanged; a nearer one pulls a deeper level up.
    @discardableResult
    mutating func remove(_ key: PriceKey) -> Int {
        guard !blocks.isEmpty else { return Int.max }
        let rank = rank(of: key)
        let block = blockIndex(for: rank)
        let (index, found) = search(rank, in: block)
        guard found else { return Int.max }
        let distance = distance(block: block, index: index)
        blocks[block].ranks.remove(at: index)
        blocks[block].levels.remove(at: index)
        count &-= 1
        let left = blocks[block].ranks.count
        if left == 0 {
            blocks.remove(at: block)
            maxima.remove(at: block)
        } else {
            if index == left { maxima[block] = blocks[block].ranks[left &- 1] }
            if left <= blockCapacity / 4 { mergeIfRoom(block) }
        }
        return distance
    }

    /// Splits a block that grew past `blockCapacity` into two halves.
    private mutating func split(_ block: Int) {
        let half = blocks[block].ranks.count / 2
        let upper = Block(ranks: Array(blocks[block].ranks[half...]), levels: Array(blocks[block].levels[half...]))
        blocks[block].ranks.removeSubrange(half...)
        blocks[block].levels.removeSubrange(half...)
        maxima[block] = blocks[block].ranks[half &- 1]
        blocks.insert(upper, at: block &+ 1)
        maxima.insert(upper.ranks[upper.ranks.count &- 1], at: block &+ 1)
    }

    /// Joins a block that shrank to a quarter of `blockCapacity` or less with a neighbour when both fit in one, so a
    /// side of n levels keeps about n / 16 blocks or fewer whatever the deletes.
    private mutating func mergeIfRoom(_ block: Int) {
        let size = blocks[block].ranks.count
        if block &+ 1 < blocks.count && size &+ blocks[block &+ 1].ranks.count <= blockCapacity {
            let next = blocks.remove(at: block &+ 1)
            maxima.remove(at: block &+ 1)
            blocks[block].ranks.append(contentsOf: next.ranks)
            blocks[block].levels.append(contentsOf: next.levels)
            maxima[block] = next.ranks[next.ranks.count &- 1]
        } else if block > 0 && size &+ blocks[block &- 1].ranks.count <= blockCapacity {
            let this = blocks.remove(at: block)
            maxima.remove(at: block)
            blocks[block &- 1].ranks.append(contentsOf: this.ranks)
            blocks[block &- 1].levels.append(contentsOf: this.levels)
            maxima[block &- 1] = this.ranks[this.ranks.count &- 1]
        }
    }

    /// Replaces every level; for equal keys the later entry wins, and zero amounts are left out.
    mutating func replaceAll(with entries: [(key: PriceKey, level: BookLevel)]) {
        let order = entries.indices
            .filter { !entries[$0].level.amount.isZero }
            .map { (rank: rank(of: entries[$0].key), index: $0) }
            .sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.index < $1.index }
        removeAll()
        let fill = max(blockCapacity / 2, 1)  // half full: room to grow before the first splits
        var block = Block(ranks: [], levels: [])
        for (rank, index) in order {
            if block.ranks.last == rank {
                block.levels[block.levels.count &- 1] = entries[index].level  // a later duplicate replaces the earlier
                continue
            }
            if block.ranks.count == fill {
                append(block)
                block = Block(ranks: [], levels: [])
            }
            block.ranks.append(rank)
            block.levels.append(entries[index].level)
        }
        if !block.ranks.isEmpty { append(block) }
    }

    /// Appends a non-empty block whose ranks all exceed those already held.
    private mutating func append(_ block: Block) {
        blocks.append(block)
        maxima.append(block.ranks[block.ranks.count &- 1])
        count &+= block.ranks.count
    }

    /// Removes every level.
    mutating func removeAll() {
        blocks.removeAll()
        maxima.removeAll()
        count = 0
    }

    /// Up to `n` levels, best first.
    func top(_ n: Int) -> [BookLevel] {
        let wanted = min(max(n, 0), count)
        var result: [BookLevel] = []
        result.reserveCapacity(wanted)
        var block = blocks.count
        while result.count < wanted {
            block &-= 1
            let levels = blocks[block].levels
            var index = levels.count
            while index > 0 && result.count < wanted {
                index &-= 1
                result.append(levels[index])
            }
        }
        return result
    }

    /// Whether the blocks are consistent: none empty or over capacity, ranks strictly ascending within and across
    /// them, `maxima` their last ranks, `count` their total (for tests).
    var invariantsHold: Bool {
        guard blocks.count == maxima.count else { return false }
        var total = 0
        var previous: Int128?
        for (position, block) in blocks.enumerated() {
            guard !block.ranks.isEmpty, block.ranks.count <= blockCapacity, block.ranks.count == block.levels.count,
                maxima[position] == block.ranks[block.ranks.count &- 1]
            else { return false }
            for rank in block.ranks {
                if let previous, previous >= rank { return false }
                previous = rank
            }
            total &+= block.ranks.count
        }
        return total == count
    }
}

extension BookLadder: Equatable {
    /// Sides are equal when they hold the same levels, however those are split into blocks (a level's rank follows
    /// from its price text, so equal levels mean equal ranks).
    static func == (lhs: BookLadder, rhs: BookLadder) -> Bool {
        lhs.side == rhs.side && lhs.count == rhs.count && lhs.top(lhs.count) == rhs.top(rhs.count)
    }
}

extension OrderBook {
    /// Whether the first `depth` levels of each side equal `top` (an exchange's own top-N snapshot, best first).
    ///
    /// Prices are compared by `PriceKey` and amounts numerically (`"0.50000000"` equals `"0.5"`). Both sides
    /// must also have the same number of levels within `depth`, so `depth` should not exceed the snapshot's own
    /// depth (100 for Bitstamp's `order_book_X`) unless the snapshot is known to hold the whole book.
    public func matches(top: (bids: [BookLevel], asks: [BookLevel]), depth: Int) -> Bool {
        let local = self.top(depth)
        return OrderBook.same(local.bids, top.bids.prefix(max(depth, 0)))
            && OrderBook.same(local.asks, top.asks.prefix(max(depth, 0)))
    }

    /// Level-by-level numeric equality of two best-first lists.
    private static func same(_ local: [BookLevel], _ remote: ArraySlice<BookLevel>) -> Bool {
        guard local.count == remote.count else { return false }
        return zip(local, remote).allSatisfy { mine, theirs in
            guard let myKey = PriceKey(mine.price), let theirKey = PriceKey(theirs.price) else { return false }
            return myKey == theirKey && mine.amount.isNumericallyEqual(to: theirs.amount)
        }
    }
}

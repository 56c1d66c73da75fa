/// A buffered book update waiting for its snapshot: its sequence value and the changed levels.
struct BookDiff: Sendable {
    /// Bitstamp `microtimestamp` or Bitvavo `nonce`.
    var sequence: Int64
    /// Changed bids, absolute sizes.
    var bids: [BookLevel]
    /// Changed asks, absolute sizes.
    var asks: [BookLevel]
}

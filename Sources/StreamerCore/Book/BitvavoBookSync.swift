/// Keeps a Bitvavo book from the `book` channel plus a `getBook` snapshot, checked by `nonce`.
///
/// The algorithm is exchange-messages.md B.7. Pure: the session feeds it messages and performs the actions
/// it returns.
///
/// Buffered updates are kept contiguous: an update that does not follow the previous buffered one (a hole,
/// or a nonce that fell back after a matching-engine restart) discards the older ones, which no future
/// snapshot could be joined to. At most `maxBufferedUpdates` are held; past that the oldest is dropped.
public struct BitvavoBookSync: Sendable {
    /// What the session should do after an input.
    public enum Action: Equatable, Sendable {
        /// Nothing to do.
        case none
        /// Send `getBook` for the market (depth 1000 or more) and pass the reply to `snapshot`.
        case requestSnapshot
        /// The snapshot and the buffered updates after it are applied; `book` can be printed.
        case bookReady
        /// A live update was applied.
        case bookChanged
        /// A live update broke the nonce chain: print a gap record, then send `getBook` (as for `requestSnapshot`);
        /// the sync is already buffering for the new snapshot.
        case gap(reason: Gap.Reason, expected: Int64, got: Int64)
        /// Sync gave up; print a diagnostic, and call `reset()` to start over.
        case failed(BookError)
    }

    /// How many snapshots in a row may fail or fail to line up before giving up with `.failed`.
    public let maxSnapshotAttempts: Int
    /// The most updates held while waiting for a snapshot.
    public let maxBufferedUpdates: Int

    /// Where the sync stands.
    public private(set) var phase: BookSyncPhase = .buffering
    /// The local book; meaningful once `phase` is `.live`.
    public private(set) var book = OrderBook()
    /// The nonce of the last applied snapshot or update; nil until live.
    public private(set) var nonce: Int64?
    /// Updates received before the book is live; consecutive nonces.
    private var buffer: [BookDiff] = []
    /// Snapshot requests made since the last (re)start.
    private var snapshotAttempts = 0

    /// A sync waiting for its first update.
    public init(maxSnapshotAttempts: Int = 3, maxBufferedUpdates: Int = 10_000) {
        precondition(maxSnapshotAttempts >= 1, "maxSnapshotAttempts must be positive")
        precondition(maxBufferedUpdates >= 1, "maxBufferedUpdates must be positive")
        self.maxSnapshotAttempts = maxSnapshotAttempts
        self.maxBufferedUpdates = maxBufferedUpdates
    }

    /// The number of updates waiting for a snapshot.
    public var bufferedUpdateCount: Int { buffer.count }

    /// Takes one `book` event.
    public mutating func update(nonce: Int64, bids: [BookLevel], asks: [BookLevel]) -> Action {
        switch phase {
        case .failed:
            return .none
        case .live:
            let expected = (self.nonce ?? nonce &- 1) &+ 1
            guard nonce == expected else {
                // A hole (nonce > expected) or a matching-engine restart (nonce fell back): rebuild (B.7).
                restart(with: BookDiff(sequence: nonce, bids: bids, asks: asks))
                return .gap(reason: .sequence, expected: expected, got: nonce)
            }
            do {
                try book.apply(bids: bids, asks: asks)
            } catch {
                return fail(error)
            }
            self.nonce = nonce
            return .bookChanged
        case .buffering, .awaitingSnapshot:
            if let previous = buffer.last, nonce != previous.sequence &+ 1 { buffer.removeAll() }
            if buffer.count >= maxBufferedUpdates { buffer.removeFirst() }
            buffer.append(BookDiff(sequence: nonce, bids: bids, asks: asks))
            guard phase == .buffering else { return .none }
            phase = .awaitingSnapshot
            snapshotAttempts = 1
            return .requestSnapshot
        }
    }

    /// Takes the `getBook` reply: applies it and the buffered updates after it, or asks for a newer one.
    public mutating func snapshot(nonce: Int64, bids: [BookLevel], asks: [BookLevel]) -> Action {
        guard phase == .buffering || phase == .awaitingSnapshot else { return .none }
        let stale = buffer.prefix { $0.sequence <= nonce }.count  // the buffer is ascending and contiguous
        buffer.removeFirst(stale)
        if let first = buffer.first, first.sequence != nonce &+ 1 {
            // Updates between the snapshot and the first buffered one were never received.
            return retry(failure: .snapshotUnaligned(attempts: snapshotAttempts))
        }
        do {
            try book.replace(bids: bids, asks: asks)
            for update in buffer { try book.apply(bids: update.bids, asks: update.asks) }
        } catch {
            return fail(error)
        }
        self.nonce = buffer.last?.sequence ?? nonce
        buffer.removeAll()
        snapshotAttempts = 0
        phase = .live
        return .bookReady
    }

    /// Takes the news that `getBook` failed (error reply, timeout); asks again or gives up.
    public mutating func snapshotFailed() -> Action {
        guard phase == .awaitingSnapshot else { return .none }
        return retry(failure: .snapshotUnavailable(attempts: snapshotAttempts))
    }

    /// Forgets everything (after a reconnect); the next update starts a new sync.
    public mutating func reset() {
        phase = .buffering
        book.removeAll()
        nonce = nil
        buffer.removeAll()
        snapshotAttempts = 0
    }

    /// Drops the book and waits for a new snapshot, keeping `update` as the first buffered one.
    private mutating func restart(with update: BookDiff) {
        reset()
        buffer.append(update)
        phase = .awaitingSnapshot
        snapshotAttempts = 1
    }

    /// Asks for another snapshot, or fails with `failure` once `maxSnapshotAttempts` requests were made.
    private mutating func retry(failure: BookError) -> Action {
        guard snapshotAttempts < maxSnapshotAttempts else { return fail(failure) }
        snapshotAttempts += 1
        phase = .awaitingSnapshot
        return .requestSnapshot
    }

    /// Enters `.failed`, dropping all state.
    private mutating func fail(_ error: BookError) -> Action {
        reset()
        phase = .failed
        return .failed(error)
    }
}

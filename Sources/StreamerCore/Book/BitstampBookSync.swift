/// Keeps a Bitstamp book from `diff_order_book_X` plus the REST snapshot, aligned by `microtimestamp`.
///
/// The algorithm is exchange-messages.md A.5. Pure: the session feeds it messages and performs the actions
/// it returns.
///
/// Alignment uses the full microsecond value, never the whole-second `timestamp`: comparing seconds
/// re-applies diffs from the snapshot's own second (cryptofeed before PR #1126).
///
/// The buffer holds at most `maxBufferedDiffs` diffs; past that the oldest is dropped. Dropping moves the first
/// buffered `microtimestamp` forward, so a snapshot older than the oldest kept diff is refused and fetched
/// again, exactly as if the dropped diffs had never arrived.
public struct BitstampBookSync: Sendable {
    /// What the session should do after an input.
    public enum Action: Equatable, Sendable {
        /// Nothing to do.
        case none
        /// Fetch `GET /api/v2/order_book/X/` (with a cache buster) and pass the reply to `snapshot`.
        case requestSnapshot
        /// The snapshot and the buffered diffs after it are applied; `book` can be printed.
        case bookReady
        /// A live diff was applied.
        case bookChanged
        /// A live diff at or before the last applied `microtimestamp` was ignored.
        case dropped
        /// Sync gave up; print a diagnostic, and call `reset()` to start over.
        case failed(BookError)
    }

    /// How many diffs to buffer before the first snapshot request (ccxt waits for several; A.5).
    public let minimumBufferedDiffs: Int
    /// How many snapshot requests to make before giving up with `.failed`.
    public let maxSnapshotAttempts: Int
    /// The most diffs held while waiting for a snapshot.
    public let maxBufferedDiffs: Int

    /// Where the sync stands.
    public private(set) var phase: BookSyncPhase = .buffering
    /// The local book; meaningful once `phase` is `.live`.
    public private(set) var book = OrderBook()
    /// The `microtimestamp` of the last applied snapshot or diff; nil until live.
    public private(set) var seq: Int64?
    /// Diffs received before the book is live, in arrival order.
    private var buffer: [BookDiff] = []
    /// Snapshot requests made since the last (re)start.
    private var snapshotAttempts = 0

    /// A sync waiting for its first diff.
    public init(minimumBufferedDiffs: Int = 1, maxSnapshotAttempts: Int = 3, maxBufferedDiffs: Int = 10_000) {
        precondition(maxBufferedDiffs >= 1, "maxBufferedDiffs must be positive")
        precondition((1...maxBufferedDiffs).contains(minimumBufferedDiffs), "minimumBufferedDiffs must be 1...max")
        precondition(maxSnapshotAttempts >= 1, "maxSnapshotAttempts must be positive")
        self.minimumBufferedDiffs = minimumBufferedDiffs
        self.maxSnapshotAttempts = maxSnapshotAttempts
        self.maxBufferedDiffs = maxBufferedDiffs
    }

    /// The number of diffs waiting for a snapshot.
    public var bufferedDiffCount: Int { buffer.count }

    /// Takes one `diff_order_book_X` message.
    public mutating func diff(microtimestamp: Int64, bids: [BookLevel], asks: [BookLevel]) -> Action {
        switch phase {
        case .failed:
            return .none
        case .live:
            if let last = seq, microtimestamp <= last { return .dropped }
            do {
                try book.apply(bids: bids, asks: asks)
            } catch {
                return fail(error)
            }
            seq = microtimestamp
            return .bookChanged
        case .buffering, .awaitingSnapshot:
            if buffer.count >= maxBufferedDiffs { buffer.removeFirst() }
            buffer.append(BookDiff(sequence: microtimestamp, bids: bids, asks: asks))
            guard phase == .buffering, buffer.count >= minimumBufferedDiffs else { return .none }
            phase = .awaitingSnapshot
            snapshotAttempts = 1
            return .requestSnapshot
        }
    }

    /// Takes the REST snapshot: applies it and the buffered diffs after it, or asks for a newer one.
    public mutating func snapshot(microtimestamp: Int64, bids: [BookLevel], asks: [BookLevel]) -> Action {
        guard phase == .buffering || phase == .awaitingSnapshot else { return .none }
        if let first = buffer.first, microtimestamp < first.sequence {
            // Changes between the snapshot and the first diff we saw were never received (A.5 step 5).
            return retry(failure: .snapshotUnaligned(attempts: snapshotAttempts))
        }
        do {
            try book.replace(bids: bids, asks: asks)
            var last = microtimestamp
            for diff in buffer where diff.sequence > last {  // drops diffs at or before the snapshot (A.5 step 3)
                try book.apply(bids: diff.bids, asks: diff.asks)
                last = diff.sequence
            }
            seq = last
        } catch {
            return fail(error)
        }
        buffer.removeAll()
        snapshotAttempts = 0
        phase = .live
        return .bookReady
    }

    /// Takes the news that the snapshot request failed (HTTP error, timeout); asks again or gives up.
    public mutating func snapshotFailed() -> Action {
        guard phase == .awaitingSnapshot else { return .none }
        return retry(failure: .snapshotUnavailable(attempts: snapshotAttempts))
    }

    /// Forgets everything (after a reconnect or a failed `verify`); the next diff starts a new sync.
    public mutating func reset() {
        phase = .buffering
        book.removeAll()
        seq = nil
        buffer.removeAll()
        snapshotAttempts = 0
    }

    /// Whether the local book agrees with an `order_book_X` top-100 snapshot over the first `depth` levels.
    ///
    /// True while not live (there is nothing to contradict yet). Feed it a snapshot taken at the same
    /// `microtimestamp` as `seq`; a mismatch means a diff was lost: record a `resync` gap and call `reset()`.
    public func verify(against top: (bids: [BookLevel], asks: [BookLevel]), depth: Int) -> Bool {
        guard phase == .live else { return true }
        return book.matches(top: top, depth: depth)
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

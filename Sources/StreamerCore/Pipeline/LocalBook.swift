/// One market's local book from streamed updates + snapshots (Bitstamp diffs + REST, Bitvavo nonces + `getBook`).
///
/// Prints the top `depth` levels when they change (at most once per `throttle`), and resyncs with a `gap` on a
/// crossed book, a failed `--verify`, a broken nonce chain or a book that cannot be synced.
struct LocalBook: Sendable {
    private var sync: LocalBookSync
    let market: Market
    let depth: Int
    let throttleMicroseconds: Int64?
    private var lastPrinted: (bids: [BookLevel], asks: [BookLevel])?
    /// Whether the book's top `depth` is known to equal `lastPrinted`.
    ///
    /// Then a diff that changed only deeper levels (`OrderBook.lastChangeDistance >= depth`) needs neither a new top
    /// nor a comparison. Snapshots, resets and gaps clear it; so does a held (throttled) book.
    private var topIsPrinted = false
    private var lastPrintedAt: Int64?
    private var pending: BookUpdate?
    private var lastEventTime: Timestamp?
    /// The newest streamed update's version and header.
    private var latestUpdate: (seq: Int64?, header: EventHeader)?
    /// Successful `--verify` comparisons so far.
    private(set) var verifications = 0

    /// A local book for `market` on `exchange`.
    init(market: Market, exchange: ExchangeID = .bitstamp, depth: Int, throttle: Duration?) {
        self.sync = LocalBookSync(for: exchange)
        self.market = market
        self.depth = depth
        self.throttleMicroseconds = throttle.map {
            $0.components.seconds * 1_000_000 + $0.components.attoseconds / 1_000_000_000_000
        }
    }

    /// Feeds a streamed update (diff); may print the book or ask for a snapshot.
    mutating func diff(_ update: BookUpdate, into out: inout [MarketEvent], actions: inout [PipelineAction]) {
        latestUpdate = (update.seq, update.header)
        let outcome = sync.update(update)
        // Read even when nothing was applied: the distance is then an earlier change's, already accounted for.
        if sync.book.lastChangeDistance < depth { topIsPrinted = false }
        handle(outcome, update.header, into: &out, actions: &actions)
    }

    /// Feeds a snapshot; when buffered updates newer than it were applied, the book carries the time of the
    /// newest of them, not the snapshot's.
    mutating func snapshot(_ update: BookUpdate, into out: inout [MarketEvent], actions: inout [PipelineAction]) {
        topIsPrinted = false
        let outcome = sync.snapshot(update)
        var header = update.header
        if let latest = latestUpdate, let latestSeq = latest.seq, let snapshotSeq = update.seq, latestSeq > snapshotSeq,
            latestSeq == sync.seq
        {
            header.ts = latest.header.ts
        }
        handle(outcome, header, into: &out, actions: &actions)
    }

    /// A snapshot request failed.
    mutating func snapshotFailed(
        _ reason: String, header: EventHeader, into out: inout [MarketEvent], actions: inout [PipelineAction]
    ) {
        actions.append(.warning("book snapshot for \(market) failed: \(reason)"))
        topIsPrinted = false
        handle(sync.snapshotFailed(), header, into: &out, actions: &actions)
    }

    /// Compares the local top with the exchange's own top-100 of the same microtimestamp (`--verify`).
    mutating func verify(against top: BookUpdate, into out: inout [MarketEvent], actions: inout [PipelineAction]) {
        guard sync.isLive, let seq = sync.seq, top.seq == seq else { return }
        let levels = min(depth, 100)
        if sync.verify(against: (top.bids, top.asks), depth: levels) {
            verifications += 1
            return
        }
        actions.append(.warning("local \(market) book differs from bitstamp's top \(levels) at \(seq); resyncing"))
        resync(top.header, into: &out, actions: &actions)
    }

    /// Prints a throttled book whose interval has passed.
    mutating func tick(now: Timestamp, into out: inout [MarketEvent]) {
        guard let update = pending, let throttle = throttleMicroseconds, isDue(now.microseconds, throttle) else {
            return
        }
        lastPrintedAt = now.microseconds
        emit(update, into: &out)
    }

    /// Starts over after a reconnect: the next diff requests a fresh snapshot.
    mutating func reset() {
        sync.reset()
        pending = nil
        lastPrinted = nil
        topIsPrinted = false
    }

    private mutating func handle(
        _ outcome: LocalBookSync.Outcome, _ header: EventHeader, into out: inout [MarketEvent],
        actions: inout [PipelineAction]
    ) {
        switch outcome {
        case .none: return
        case .requestSnapshot: actions.append(.requestSnapshot(market))
        case .failed(let error):
            actions.append(.warning("cannot sync the \(market) book: \(error); starting over"))
            if lastPrinted != nil {
                resync(header, into: &out, actions: &actions)  // what was printed may no longer hold
            } else {
                reset()
            }
        case .sequenceGap(let expected, let got):
            // The sync already waits for a new snapshot, with the update that showed the break buffered.
            actions.append(.warning("\(market) book nonce jumped from \(expected &- 1) to \(got); resyncing"))
            out.append(.gap(Gap(header: header, reason: .sequence, since: lastEventTime)))
            pending = nil
            lastPrinted = nil
            topIsPrinted = false
            actions.append(.requestSnapshot(market))
        case .changed:
            if sync.book.isCrossed {
                actions.append(.warning("local \(market) book is crossed (best bid >= best ask); resyncing"))
                resync(header, into: &out, actions: &actions)
                return
            }
            emitIfChanged(header, into: &out)
        }
    }

    /// Whether `throttle` has passed since the last printed book (always true before the first).
    private func isDue(_ now: Int64, _ throttle: Int64) -> Bool {
        guard let lastPrintedAt else { return true }
        return now - lastPrintedAt >= throttle
    }

    private mutating func resync(_ header: EventHeader, into out: inout [MarketEvent], actions: inout [PipelineAction])
    {
        out.append(.gap(Gap(header: header, reason: .resync, since: lastEventTime)))
        reset()
    }

    private mutating func emitIfChanged(_ header: EventHeader, into out: inout [MarketEvent]) {
        if topIsPrinted { return }  // (nothing is pending then: a held book leaves it false)
        let top = sync.book.top(depth)
        if let lastPrinted, lastPrinted.bids == top.bids && lastPrinted.asks == top.asks {
            pending = nil  // a held change that reverted: what the reader saw is right again
            topIsPrinted = true
            return
        }
        var bookHeader = header
        if case .bitstamp = sync { bookHeader.ts = sync.seq.map { Timestamp($0, .microseconds) } }
        let update = BookUpdate(
            header: bookHeader, kind: .snapshot, depth: depth, bids: top.bids, asks: top.asks, seq: sync.seq)
        guard let throttle = throttleMicroseconds else {
            emit(update, into: &out)
            topIsPrinted = true
            return
        }
        let now = header.recv.microseconds
        if isDue(now, throttle) {
            lastPrintedAt = now
            emit(update, into: &out)
            topIsPrinted = true
        } else {
            pending = update
        }
    }

    /// Emits `update` and remembers it as what the reader last saw.
    private mutating func emit(_ update: BookUpdate, into out: inout [MarketEvent]) {
        pending = nil
        lastPrinted = (update.bids, update.asks)
        lastEventTime = update.header.ts
        out.append(.book(update))
    }

    /// Prints the held book, if any, at the end of a run, so the last change is not lost.
    mutating func flushPending(into out: inout [MarketEvent]) {
        if let update = pending { emit(update, into: &out) }
    }
}

import Testing

@testable import StreamerCore

/// The `book` channel: a local Bitstamp book from diffs plus REST snapshots, driven through `EventPipeline`.
struct BitstampLocalBookTests {
    private static let base = PipelineSamples.minuteMicros
    private let btc = PipelineSamples.btc
    /// The REST snapshot's microtimestamp; diff 1 comes before it, diff 2 after.
    private let snapshotTime = base + 150_000

    /// A pipeline streaming `book` on BTC-USD.
    private func driver(depth: Int = 2, throttle: Duration? = nil) -> PipelineDriver {
        PipelineDriver([(.book, PipelineSamples.btc)], options: PipelineOptions(depth: depth, throttle: throttle))
    }

    private func diff(_ offset: Int64, bids: [(String, String)] = [], asks: [(String, String)] = []) throws
        -> MarketEvent
    {
        .book(try PipelineSamples.book(.diff, micros: Self.base + offset, bids: bids, asks: asks))
    }

    private func restSnapshot(
        _ micros: Int64, bids: [(String, String)] = [("100", "1.5"), ("99.5", "2"), ("99", "3")]
    ) throws -> BookUpdate {
        try PipelineSamples.book(
            .snapshot, micros: micros, recv: Self.base + 400_000, bids: bids,
            asks: [("101", "0.5"), ("101.5", "1"), ("102", "4")])
    }

    /// Brings the book live: diff 1 (before the snapshot), diff 2 (after), then the snapshot.
    private func live(_ book: inout PipelineDriver) throws -> [MarketEvent] {
        _ = book.process(try diff(100_000, bids: [("100", "7")]))
        _ = book.process(try diff(200_000, bids: [("100.25", "0.1")]))
        let (events, actions) = book.snapshot(try restSnapshot(snapshotTime))
        #expect(actions.isEmpty)
        return events
    }

    /// The book event the local book prints: top levels as text, seq and ts = the applied microtimestamp.
    private func printed(
        _ micros: Int64, recv: Int64, depth: Int = 2, bids: [(String, String)], asks: [(String, String)]
    ) throws -> MarketEvent {
        .book(
            BookUpdate(
                header: PipelineSamples.header(micros: micros, recv: recv), kind: .snapshot, depth: depth,
                bids: try PipelineSamples.levels(bids), asks: try PipelineSamples.levels(asks), seq: micros))
    }

    @Test func theFirstDiffAsksForASnapshotAndLaterOnesWait() throws {
        var book = driver()
        let first = book.process(try diff(100_000, bids: [("100", "7")]))
        #expect(first.events.isEmpty)
        #expect(first.actions == [.requestSnapshot(btc)])
        let second = book.process(try diff(200_000, bids: [("100.25", "0.1")]))
        #expect(second.events.isEmpty && second.actions.isEmpty)
    }

    @Test func theSnapshotPrintsTheTopLevelsBestFirstAtTheLastAppliedMicrotimestamp() throws {
        var book = driver()
        // Diff 1 is older than the snapshot and must not resurrect "100" at size 7.
        #expect(
            try live(&book) == [
                try printed(
                    Self.base + 200_000, recv: Self.base + 400_000, bids: [("100.25", "0.1"), ("100", "1.5")],
                    asks: [("101", "0.5"), ("101.5", "1")])
            ])
    }

    @Test func aChangeBelowTheDepthPrintsNothingAndATopChangePrintsTheNewTop() throws {
        var book = driver()
        _ = try live(&book)
        let below = book.process(try diff(300_000, bids: [("99", "2.5")], asks: [("102", "0")]))
        #expect(below.events.isEmpty && below.actions.isEmpty)
        let stale = book.process(try diff(300_000, asks: [("101", "0")]))  // not after the last applied
        #expect(stale.events.isEmpty && stale.actions.isEmpty)
        let top = book.process(try diff(400_000, asks: [("101", "0.00000000")]))
        #expect(top.actions.isEmpty)
        #expect(
            top.events == [
                try printed(
                    Self.base + 400_000, recv: Self.base + 405_000, bids: [("100.25", "0.1"), ("100", "1.5")],
                    asks: [("101.5", "1")])
            ])
    }

    @Test func aCrossedBookIsAResyncGapAndTheNextDiffAsksForANewSnapshot() throws {
        var book = driver()
        _ = try live(&book)
        let crossing = try diff(500_000, bids: [("101.5", "3")])
        let crossed = book.process(crossing)
        #expect(
            crossed.events == [
                .gap(
                    Gap(header: crossing.header, reason: .resync, since: Timestamp(Self.base + 200_000, .microseconds)))
            ])
        #expect(crossed.actions == [.warning("local BTC-USD book is crossed (best bid >= best ask); resyncing")])
        let next = book.process(try diff(600_000, bids: [("100", "1")]))
        #expect(next.actions == [.requestSnapshot(btc)])
        let fresh = book.snapshot(try restSnapshot(Self.base + 650_000))
        #expect(fresh.events.count == 1 && fresh.actions.isEmpty)
    }

    @Test func aLiveDiffTheBookCannotHoldStartsOverWithAResyncGap() throws {
        var book = driver()
        _ = try live(&book)
        let unrepresentable = try diff(300_000, bids: [("0.0000000000000000001", "1")])  // 19 decimals
        let failed = book.process(unrepresentable)
        #expect(
            failed.actions == [
                .warning(
                    "cannot sync the BTC-USD book: price '0.0000000000000000001' has more than 18 decimals or is out"
                        + " of range; starting over")
            ])
        let next = book.process(try diff(400_000))
        #expect(next.actions == [.requestSnapshot(btc)])
        let since = Timestamp(Self.base + 200_000, .microseconds)
        #expect(failed.events == [.gap(Gap(header: unrepresentable.header, reason: .resync, since: since))])
    }

    @Test func aFailedSnapshotIsRetriedThenSyncStartsOver() throws {
        var book = driver()
        _ = book.process(try diff(100_000))
        for _ in 0..<2 {
            let retry = book.snapshotFailed(btc)
            #expect(retry.events.isEmpty)
            #expect(retry.actions == [.warning("book snapshot for BTC-USD failed: HTTP 503"), .requestSnapshot(btc)])
        }
        let given = book.snapshotFailed(btc)
        #expect(
            given.actions == [
                .warning("book snapshot for BTC-USD failed: HTTP 503"),
                .warning("cannot sync the BTC-USD book: the book snapshot request failed 3 times; starting over"),
            ])
        let restart = book.process(try diff(200_000))
        #expect(restart.actions == [.requestSnapshot(btc)])
    }

    @Test func aConnectionResetMakesTheNextDiffAskForASnapshotAgain() throws {
        var book = driver()
        _ = try live(&book)
        book.pipeline.connectionReset()
        let after = book.process(try diff(700_000, asks: [("101", "0.7")]))
        #expect(after.events.isEmpty)
        #expect(after.actions == [.requestSnapshot(btc)])
        // The same top as before the reset is printed again: the new session starts from a fresh book.
        let again = book.snapshot(try restSnapshot(Self.base + 700_000, bids: [("100.25", "0.1"), ("100", "1.5")]))
        #expect(
            again.events == [
                try printed(
                    Self.base + 700_000, recv: Self.base + 400_000, bids: [("100.25", "0.1"), ("100", "1.5")],
                    asks: [("101", "0.5"), ("101.5", "1")])
            ])
    }

    @Test func aSnapshotForAMarketWithoutABookIsIgnored() throws {
        var book = driver()
        let other = book.snapshot(try PipelineSamples.book(.snapshot, PipelineSamples.eth, micros: snapshotTime))
        #expect(other.events.isEmpty && other.actions.isEmpty)
    }

    // MARK: --verify

    /// The exchange's own `order_book` top at `micros`.
    private func exchangeTop(_ micros: Int64, bestBid: String = "100.25") throws -> MarketEvent {
        .book(
            try PipelineSamples.book(
                .snapshot, micros: micros,
                bids: [(bestBid, "0.10000000"), ("100.0", "1.5"), ("99.5", "2"), ("99", "3")],
                asks: [("101", "0.5"), ("101.5", "1"), ("102", "4")]))
    }

    private func verifyingDriver() -> PipelineDriver {
        PipelineDriver([(.book, PipelineSamples.btc)], options: PipelineOptions(depth: 2, verify: true))
    }

    @Test func aMatchingExchangeTopOfTheSameMicrotimestampPrintsNothing() throws {
        var book = verifyingDriver()
        _ = try live(&book)
        let checked = book.process(try exchangeTop(Self.base + 200_000))
        #expect(checked.events.isEmpty && checked.actions.isEmpty)
        // Still live: the next top change prints.
        let next = book.process(try diff(300_000, bids: [("100.25", "0")]))
        #expect(next.events.count == 1)
    }

    @Test func aMismatchingExchangeTopIsAResyncGap() throws {
        var book = verifyingDriver()
        _ = try live(&book)
        let top = try exchangeTop(Self.base + 200_000, bestBid: "100.2")
        let checked = book.process(top)
        #expect(
            checked.events == [
                .gap(Gap(header: top.header, reason: .resync, since: Timestamp(Self.base + 200_000, .microseconds)))
            ])
        #expect(
            checked.actions == [
                .warning("local BTC-USD book differs from bitstamp's top 2 at \(Self.base + 200_000); resyncing")
            ])
        let next = book.process(try diff(300_000))
        #expect(next.actions == [.requestSnapshot(btc)])
    }

    @Test func anExchangeTopOfAnotherMicrotimestampIsNotCompared() throws {
        var book = verifyingDriver()
        _ = try live(&book)
        let checked = book.process(try exchangeTop(Self.base + 250_000, bestBid: "100.2"))
        #expect(checked.events.isEmpty && checked.actions.isEmpty)
        let next = book.process(try diff(300_000, bids: [("100.25", "0")]))
        #expect(next.events.count == 1)
    }

    @Test func anExchangeTopBeforeTheBookIsLiveIsNotCompared() throws {
        var book = verifyingDriver()
        _ = book.process(try diff(100_000))
        let checked = book.process(try exchangeTop(Self.base + 100_000, bestBid: "1"))
        #expect(checked.events.isEmpty && checked.actions.isEmpty)
    }

    @Test func countsVerificationsThatMatchNumerically() throws {
        var book = LocalBook(market: btc, depth: 2, throttle: nil)
        var out: [MarketEvent] = []
        var actions: [PipelineAction] = []
        book.diff(try PipelineSamples.book(.diff, micros: snapshotTime), into: &out, actions: &actions)
        book.snapshot(try restSnapshot(snapshotTime), into: &out, actions: &actions)
        let top = try PipelineSamples.book(
            .snapshot, micros: snapshotTime, bids: [("100.0", "1.50"), ("99.5", "2")],
            asks: [("101", "0.5"), ("101.5", "1.0"), ("102", "4")])
        book.verify(against: top, into: &out, actions: &actions)
        book.verify(against: top, into: &out, actions: &actions)
        #expect(book.verifications == 2)
        #expect(actions == [.requestSnapshot(btc)])
        #expect(out.map(\.kind) == [.book])
    }
}

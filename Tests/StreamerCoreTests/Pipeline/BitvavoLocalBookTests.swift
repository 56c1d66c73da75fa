import Testing

@testable import StreamerCore

extension PipelineDriver {
    /// A pipeline for Bitvavo `subscriptions`.
    static func bitvavo(_ subscriptions: [(Channel, Market)], options: PipelineOptions = PipelineOptions())
        -> PipelineDriver
    {
        var driver = PipelineDriver([], options: options)
        driver.pipeline = EventPipeline(
            exchange: .bitvavo, subscriptions: subscriptions.map { Subscription(channel: $0.0, market: $0.1) },
            options: options)
        return driver
    }
}

/// The `book` channel on Bitvavo: `book` events and `getBook` replies, decoded by the adapter, through `EventPipeline`
/// (exchange-messages.md B.7; the messages are those of `Fixtures/sessions/bitvavo-book.session`).
struct BitvavoLocalBookTests {
    private let btc = BitvavoSamples.btcEur
    private let adapter = BitvavoSamples.adapter([(.book, BitvavoSamples.btcEur)])
    /// Receive times: message `n` of a test arrives `n` ms after this.
    private static let base: Int64 = 1_795_000_000_600_000
    /// Book event times: nonce `n` happened `n` µs after this (in ns).
    private static let eventBase: Int64 = 1_795_000_000_594_000_000

    private func recv(_ step: Int64) -> Timestamp { Timestamp(Self.base + step * 1_000, .microseconds) }

    /// The ns time of nonce `nonce`'s event.
    private func time(_ nonce: Int64) -> Timestamp { Timestamp(Self.eventBase + nonce * 1_000, .nanoseconds) }

    private func pairs(_ levels: [(String, String)]) -> String {
        "[" + levels.map { #"["\#($0.0)","\#($0.1)"]"# }.joined(separator: ",") + "]"
    }

    /// A `book` event, decoded and processed; received at step `step`.
    private func update(
        _ book: inout PipelineDriver, _ nonce: Int64, step: Int64, bids: [(String, String)] = [],
        asks: [(String, String)] = []
    ) throws -> (events: [MarketEvent], actions: [PipelineAction]) {
        let text =
            #"{"event":"book","market":"BTC-EUR","nonce":\#(nonce),"bids":\#(pairs(bids)),"asks":\#(pairs(asks)),"#
            + #""timestamp":\#(time(nonce).value)}"#
        let (events, notice) = try BitvavoSamples.decode(adapter, text, recv: recv(step))
        #expect(notice == nil && events.count == 1)
        var out: [MarketEvent] = []
        var actions: [PipelineAction] = []
        for event in events {
            let result = book.process(event)
            out += result.events
            actions += result.actions
        }
        return (out, actions)
    }

    /// A `getBook` reply, decoded and handed to the local book; received at step `step`.
    private func snapshot(
        _ book: inout PipelineDriver, _ nonce: Int64, step: Int64, bids: [(String, String)], asks: [(String, String)]
    ) throws -> (events: [MarketEvent], actions: [PipelineAction]) {
        let text =
            #"{"action":"getBook","requestId":1,"response":{"market":"BTC-EUR","nonce":\#(nonce),"#
            + #""bids":\#(pairs(bids)),"asks":\#(pairs(asks)),"timestamp":\#(time(nonce).value)}}"#
        let (events, notice) = try BitvavoSamples.decode(adapter, text, recv: recv(step))
        #expect(events.isEmpty)
        guard case .snapshot(let update, requestId: 1)? = notice else {
            Issue.record("not a snapshot: \(String(describing: notice))")
            return ([], [])
        }
        return book.snapshot(update)
    }

    /// The book the pipeline prints: the top levels as text, `seq` the nonce.
    private func printed(
        seq: Int64, ts: Timestamp?, step: Int64, depth: Int = 3, bids: [(String, String)], asks: [(String, String)]
    ) throws -> MarketEvent {
        .book(
            BookUpdate(
                header: BitvavoSamples.header(btc, ts, recv: recv(step)), kind: .snapshot, depth: depth,
                bids: try PipelineSamples.levels(bids), asks: try PipelineSamples.levels(asks), seq: seq))
    }

    private let snapshotBids = [
        ("75521", "0.05641959"), ("75518", "0.09937661"), ("75517", "0.40867668"), ("75516", "0.2"),
    ]
    private let snapshotAsks = [("75522", "0.0235618"), ("75523", "0.05786289"), ("75526", "0.28930592")]

    /// Updates 100 and 101 straddle the getBook nonce 100; returns what the snapshot printed.
    private func live(_ book: inout PipelineDriver) throws -> (events: [MarketEvent], actions: [PipelineAction]) {
        _ = try update(&book, 100, step: 1, bids: [("75516.00", "0.20000000")])
        _ = try update(&book, 101, step: 2, bids: [("75521.00", "0.06000000")])
        return try snapshot(&book, 100, step: 3, bids: snapshotBids, asks: snapshotAsks)
    }

    private func driver(depth: Int = 3, throttle: Duration? = nil) -> PipelineDriver {
        .bitvavo([(.book, btc)], options: PipelineOptions(depth: depth, throttle: throttle))
    }

    @Test func theFirstUpdateAsksForAGetBookSnapshotAndLaterOnesWait() throws {
        var book = driver()
        let first = try update(&book, 100, step: 1, bids: [("75516.00", "0.20000000")])
        #expect(first.events.isEmpty && first.actions == [.requestSnapshot(btc)])
        let second = try update(&book, 101, step: 2, bids: [("75521.00", "0.06000000")])
        #expect(second.events.isEmpty && second.actions.isEmpty)
    }

    @Test func theSnapshotPrintsTheTopWithTheBufferedUpdatesAfterItsNonceAppliedAndSeqTheLastNonce() throws {
        var book = driver()
        let (events, actions) = try live(&book)
        #expect(actions.isEmpty)
        guard case .book(let printed) = try #require(events.first), events.count == 1 else {
            Issue.record("expected one book, got \(events)")
            return
        }
        // Update 100 is not after the snapshot and must not be applied again; 101 replaces the unpadded 75521.
        #expect(
            PipelineSamples.texts(printed.bids) == [
                ["75521.00", "0.06000000"], ["75518", "0.09937661"], ["75517", "0.40867668"],
            ])
        #expect(
            PipelineSamples.texts(printed.asks) == [
                ["75522", "0.0235618"], ["75523", "0.05786289"], ["75526", "0.28930592"],
            ])
        #expect(printed.seq == 101 && printed.kind == .snapshot && printed.depth == 3)
        #expect(printed.header.recv == recv(3) && printed.header.exchange == .bitvavo && printed.header.market == btc)
    }

    @Test func theFirstBookAfterASnapshotCarriesTheTimeOfTheLastAppliedUpdate() throws {
        var book = driver()
        let (events, _) = try live(&book)
        #expect(events.first?.header.ts == time(101))
    }

    @Test func aSnapshotWithNoNewerUpdateIsPrintedAtItsOwnNanosecondTime() throws {
        var book = driver()
        _ = try update(&book, 100, step: 1, bids: [("75516.00", "0.20000000")])
        let (events, _) = try snapshot(&book, 100, step: 2, bids: snapshotBids, asks: snapshotAsks)
        #expect(
            events == [
                try printed(
                    seq: 100, ts: time(100), step: 2, bids: Array(snapshotBids.prefix(3)), asks: snapshotAsks)
            ])
    }

    @Test func aLiveUpdatePrintsTheNewTopWithItsNonceAndNanosecondTime() throws {
        var book = driver()
        _ = try live(&book)
        let next = try update(&book, 102, step: 4, bids: [("75517.00", "0")], asks: [("75522.00", "0.03000000")])
        #expect(next.actions.isEmpty)
        #expect(
            next.events == [
                try printed(
                    seq: 102, ts: time(102), step: 4,
                    bids: [("75521.00", "0.06000000"), ("75518", "0.09937661"), ("75516", "0.2")],
                    asks: [("75522.00", "0.03000000"), ("75523", "0.05786289"), ("75526", "0.28930592")])
            ])
    }

    @Test func aNonceGapPrintsASequenceGapWarnsAndAsksForANewSnapshotWhichResumes() throws {
        var book = driver()
        _ = try live(&book)
        _ = try update(&book, 102, step: 4, bids: [("75517.00", "0")], asks: [("75522.00", "0.03000000")])
        let jump = try update(&book, 104, step: 5, bids: [("75519.00", "1.00000000")])
        let gapHeader = BitvavoSamples.header(btc, time(104), recv: recv(5))
        #expect(jump.events == [.gap(Gap(header: gapHeader, reason: .sequence, since: time(102)))])
        #expect(
            jump.actions == [.warning("BTC-EUR book nonce jumped from 102 to 104; resyncing"), .requestSnapshot(btc)])
        let resumed = try snapshot(
            &book, 104, step: 6, bids: [("75521", "0.06"), ("75519", "1"), ("75518", "0.09937661")],
            asks: [("75522", "0.03"), ("75523", "0.05786289")])
        #expect(resumed.actions.isEmpty)
        #expect(
            resumed.events == [
                try printed(
                    seq: 104, ts: time(104), step: 6,
                    bids: [("75521", "0.06"), ("75519", "1"), ("75518", "0.09937661")],
                    asks: [("75522", "0.03"), ("75523", "0.05786289")])
            ])
        let next = try update(&book, 105, step: 7, bids: [("75520.00", "0.50000000")])
        #expect(next.events.count == 1 && next.actions.isEmpty)
        if case .book(let printed)? = next.events.first {
            #expect(printed.seq == 105)
            #expect(
                PipelineSamples.texts(printed.bids) == [
                    ["75521", "0.06"], ["75520.00", "0.50000000"], ["75519", "1"],
                ])
        }
    }

    @Test(arguments: [Int64(3), 101, 102])
    func aNonceThatFallsBackIsARestartThatResyncsLikeAGap(nonce: Int64) throws {
        var book = driver()
        _ = try live(&book)
        _ = try update(&book, 102, step: 4, bids: [("75517.00", "0")])
        let restart = try update(&book, nonce, step: 5, bids: [("75520.00", "0.40000000")])
        #expect(restart.events.map(\.kind) == [.gap])
        if case .gap(let gap)? = restart.events.first { #expect(gap.reason == .sequence && gap.since == time(102)) }
        #expect(
            restart.actions == [
                .warning("BTC-EUR book nonce jumped from 102 to \(nonce); resyncing"), .requestSnapshot(btc),
            ])
        let resumed = try snapshot(
            &book, nonce, step: 6, bids: [("75520", "0.4"), ("75518", "0.1")], asks: [("75523", "0.05")])
        #expect(
            resumed.events == [
                try printed(
                    seq: nonce, ts: time(nonce), step: 6, bids: [("75520", "0.4"), ("75518", "0.1")],
                    asks: [("75523", "0.05")])
            ])
        let next = try update(&book, nonce + 1, step: 7, asks: [("75522.50", "0.70000000")])
        #expect(
            next.events == [
                try printed(
                    seq: nonce + 1, ts: time(nonce + 1), step: 7, bids: [("75520", "0.4"), ("75518", "0.1")],
                    asks: [("75522.50", "0.70000000"), ("75523", "0.05")])
            ])
    }

    @Test func zeroPaddedUpdatePricesDeleteAndReplaceUnpaddedSnapshotLevels() throws {
        var book = driver()
        _ = try update(&book, 10, step: 1)
        _ = try snapshot(&book, 10, step: 2, bids: [("75516", "0.2"), ("75515", "1")], asks: [("75517", "3")])
        let deleted = try update(&book, 11, step: 3, bids: [("75516.00", "0")])
        #expect(
            deleted.events == [
                try printed(seq: 11, ts: time(11), step: 3, bids: [("75515", "1")], asks: [("75517", "3")])
            ])
        let replaced = try update(&book, 12, step: 4, bids: [("75515.00", "2.50000000")], asks: [("75517.0", "0.5")])
        #expect(
            replaced.events == [
                try printed(
                    seq: 12, ts: time(12), step: 4, bids: [("75515.00", "2.50000000")], asks: [("75517.0", "0.5")])
            ])
    }

    @Test func aChangeBelowTheDepthPrintsNothing() throws {
        var book = driver(depth: 2)
        _ = try live(&book)
        let below = try update(&book, 102, step: 4, bids: [("75516.00", "5")], asks: [("75526.00", "0")])
        #expect(below.events.isEmpty && below.actions.isEmpty)
        let top = try update(&book, 103, step: 5, asks: [("75522.00", "0")])
        #expect(
            top.events == [
                try printed(
                    seq: 103, ts: time(103), step: 5, depth: 2,
                    bids: [("75521.00", "0.06000000"), ("75518", "0.09937661")],
                    asks: [("75523", "0.05786289")])
            ])
    }

    @Test func withThrottleAChangeInsideTheWindowIsHeldAndPrintedByTickWithItsNonce() throws {
        var book = driver(throttle: .seconds(1))
        #expect(book.pipeline.needsTicks)
        #expect(try live(&book).events.count == 1)  // printed at step 3
        let held = try update(&book, 102, step: 500, asks: [("75522.00", "0.03000000")])
        #expect(held.events.isEmpty)
        let newer = try update(&book, 103, step: 600, asks: [("75522.00", "0.04000000")])
        #expect(newer.events.isEmpty)
        #expect(book.tick(Self.base + 1_002_999).isEmpty)
        let due = book.tick(Self.base + 1_003_000)
        #expect(
            due == [
                try printed(
                    seq: 103, ts: time(103), step: 600,
                    bids: [("75521.00", "0.06000000"), ("75518", "0.09937661"), ("75517", "0.40867668")],
                    asks: [("75522.00", "0.04000000"), ("75523", "0.05786289"), ("75526", "0.28930592")])
            ])
        #expect(book.tick(Self.base + 9_000_000).isEmpty)
    }

    @Test func aGapDropsTheHeldThrottledBook() throws {
        var book = driver(throttle: .seconds(1))
        _ = try live(&book)
        _ = try update(&book, 102, step: 500, asks: [("75522.00", "0.03000000")])
        let jump = try update(&book, 104, step: 600)
        #expect(jump.events.map(\.kind) == [.gap])
        #expect(book.tick(Self.base + 5_000_000).isEmpty)
        #expect(book.finish().isEmpty)
    }

    @Test func aCrossedBookPrintsAResyncGapAndTheNextUpdateAsksForASnapshot() throws {
        var book = driver()
        _ = try live(&book)
        let crossed = try update(&book, 102, step: 4, bids: [("75530.00", "1")])
        #expect(crossed.events.map(\.kind) == [.gap])
        if case .gap(let gap)? = crossed.events.first { #expect(gap.reason == .resync) }
        #expect(crossed.actions == [.warning("local BTC-EUR book is crossed (best bid >= best ask); resyncing")])
        let next = try update(&book, 103, step: 5)
        #expect(next.actions == [.requestSnapshot(btc)])
    }

    @Test func afterAConnectionResetTheNextUpdateAsksForAFreshSnapshot() throws {
        var book = driver()
        _ = try live(&book)
        book.pipeline.connectionReset()
        let first = try update(&book, 500, step: 4)
        #expect(first.events.isEmpty && first.actions == [.requestSnapshot(btc)])
    }

    @Test func aFailedGetBookIsAskedAgainAndGivenUpAfterThreeAttempts() throws {
        var book = driver()
        _ = try update(&book, 100, step: 1)
        let again = book.snapshotFailed(btc)
        #expect(again.actions == [.warning("book snapshot for BTC-EUR failed: HTTP 503"), .requestSnapshot(btc)])
        _ = book.snapshotFailed(btc)
        let givenUp = book.snapshotFailed(btc)
        #expect(givenUp.actions.count == 2 && givenUp.events.isEmpty)
        if case .warning(let text)? = givenUp.actions.last { #expect(text.hasPrefix("cannot sync the BTC-EUR book: ")) }
        let restart = try update(&book, 101, step: 2)
        #expect(restart.actions == [.requestSnapshot(btc)])
    }
}

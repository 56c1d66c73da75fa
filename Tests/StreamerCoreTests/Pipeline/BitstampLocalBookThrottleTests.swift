import Testing

@testable import StreamerCore

/// `--throttle` on the local book: at most one printed book per window; a held change is printed by `tick(now:)`.
struct BitstampLocalBookThrottleTests {
    private let base = PipelineSamples.minuteMicros

    /// A diff at `offset` µs after the base, received 5 ms later.
    private func diff(_ offset: Int64, bids: [(String, String)] = [], asks: [(String, String)] = []) throws
        -> MarketEvent
    {
        .book(try PipelineSamples.book(.diff, micros: base + offset, bids: bids, asks: asks))
    }

    /// The printed top of the local book after a diff at `offset` (received 5 ms later).
    private func printed(_ offset: Int64, bids: [(String, String)], asks: [(String, String)]) throws
        -> MarketEvent
    {
        .book(
            BookUpdate(
                header: PipelineSamples.header(micros: base + offset), kind: .snapshot, depth: 2,
                bids: try PipelineSamples.levels(bids), asks: try PipelineSamples.levels(asks), seq: base + offset))
    }

    /// A one-second-throttled BTC-USD book, live and printed once at recv `base + 400 ms`.
    ///
    /// The first print used to trap: `recv - lastPrintedAt` with `lastPrintedAt == Int64.min` overflowed.
    private func liveThrottledBook() throws -> PipelineDriver {
        var book = PipelineDriver(
            [(.book, PipelineSamples.btc)], options: PipelineOptions(depth: 2, throttle: .seconds(1)))
        #expect(book.pipeline.needsTicks)
        _ = book.process(try diff(100_000, bids: [("100", "7")]))
        let snapshot = try PipelineSamples.book(
            .snapshot, micros: base + 150_000, recv: base + 400_000, bids: [("100", "1.5"), ("99.5", "2")],
            asks: [("101", "0.5"), ("101.5", "1")])
        let first = book.snapshot(snapshot)
        #expect(first.events.count == 1, "the first book is printed at once")
        return book
    }

    @Test func withThrottleASecondChangeInsideTheWindowIsHeldAndPrintedByTickAfterTheWindow() throws {
        var book = try liveThrottledBook()
        let second = book.process(try diff(500_000, bids: [("100.5", "1")]))
        #expect(second.events.isEmpty)
        let third = book.process(try diff(600_000, bids: [("100.5", "2")]))
        #expect(third.events.isEmpty)
        let early = book.tick(base + 1_399_999)
        #expect(early.isEmpty)
        let due = book.tick(base + 1_400_000)
        #expect(
            due == [
                try printed(600_000, bids: [("100.5", "2"), ("100", "1.5")], asks: [("101", "0.5"), ("101.5", "1")])
            ])
        let idle = book.tick(base + 5_000_000)
        #expect(idle.isEmpty)
        // A change a full window after the ticked print is printed at once.
        let later = book.process(try diff(2_500_000, asks: [("101", "0")]))
        #expect(later.events.count == 1)
        // A change below the depth holds nothing for the next tick.
        let below = book.process(try diff(2_600_000, bids: [("99.5", "3")]))
        #expect(below.events.isEmpty)
        let nothing = book.tick(base + 9_000_000)
        #expect(nothing.isEmpty)
    }

    @Test func withThrottleAConnectionResetDropsTheHeldChange() throws {
        var book = try liveThrottledBook()
        _ = book.process(try diff(500_000, bids: [("100.5", "1")]))
        book.pipeline.connectionReset()
        let after = book.tick(base + 2_000_000)
        #expect(after.isEmpty)
    }

    @Test func withThrottleAChangeRevertedInsideTheWindowIsNotPrintedAgain() throws {
        var book = try liveThrottledBook()
        _ = book.process(try diff(500_000, bids: [("100.5", "1")]))
        _ = book.process(try diff(600_000, bids: [("100.5", "0")]))  // back to the top printed at 400 ms
        let due = book.tick(base + 1_400_000)
        #expect(due.isEmpty)
    }

    @Test func withoutThrottleTheBookNeedsNoTicks() {
        let book = PipelineDriver([(.book, PipelineSamples.btc)], options: PipelineOptions(depth: 2))
        #expect(!book.pipeline.needsTicks)
    }
}

import Testing

@testable import StreamerCore

/// `TickerTracker` (best bid/ask from top-100 snapshots) and `OrderChain` (Bitstamp `event_id` chains).
struct MarketTrackersTests {
    private let base = PipelineSamples.minuteMicros

    @Test func derivesATickerFromTheBestLevelsOnlyWhenTheyChange() throws {
        var tracker = TickerTracker()
        let first = try PipelineSamples.book(
            .snapshot, micros: base, bids: [("77188", "0.41122"), ("77183", "0.32386")],
            asks: [("77189", "0.41124"), ("77193", "0.32385")])
        let ticker = tracker.update(from: first)
        #expect(
            ticker
                == Ticker(
                    header: first.header, bid: try PipelineSamples.decimal("77188"),
                    bidSize: try PipelineSamples.decimal("0.41122"), ask: try PipelineSamples.decimal("77189"),
                    askSize: try PipelineSamples.decimal("0.41124")))
        // Only a deeper level moved.
        let deeper = try PipelineSamples.book(
            .snapshot, micros: base + 1, bids: [("77188", "0.41122"), ("77180", "9")],
            asks: [("77189", "0.41124")])
        let unchanged = tracker.update(from: deeper)
        #expect(unchanged == nil)
        // The best ask's size moved.
        let sized = try PipelineSamples.book(
            .snapshot, micros: base + 2, bids: [("77188", "0.41122")], asks: [("77189", "0.40000")])
        let resized = tracker.update(from: sized)
        #expect(resized?.askSize?.text == "0.40000")
        let repeated = tracker.update(from: sized)
        #expect(repeated == nil)
    }

    @Test func reportsAnEmptySideAsNoPrice() throws {
        var tracker = TickerTracker()
        let oneSided = try PipelineSamples.book(.snapshot, micros: base, bids: [("1.16601", "1200.00000000")])
        let ticker = try #require(tracker.update(from: oneSided) as Ticker?)
        #expect(ticker.bid?.text == "1.16601" && ticker.ask == nil && ticker.askSize == nil)
    }

    /// Feeds orders 1 µs apart with `(event_id, pre_event_id)`; returns the indexes that broke the chain.
    private func breaks(_ chain: inout OrderChain, _ ids: [(String?, String?)], from start: Int64) throws -> [Int] {
        var indexes: [Int] = []
        for (index, (eventID, previous)) in ids.enumerated() {
            let order = try PipelineSamples.order(micros: start + Int64(index), eventID: eventID, previous: previous)
            if chain.check(order) != nil { indexes.append(index) }
        }
        return indexes
    }

    @Test(
        arguments: [
            ([("e1", "e0"), ("e2", "e1"), ("e3", "e2")], []),
            ([("e1", "e0"), ("e9", "e8"), ("e10", "e9")], [1]),
            ([("e1", "e0"), (nil, nil), ("e2", "e1")], []),
            ([("e1", "e0"), ("e2", nil), ("e3", "e2")], []),
            ([("e1", nil), ("e2", "x"), ("e3", "e1"), ("e4", "e3")], [1, 2]),
        ] as [([(String?, String?)], [Int])])
    func flagsEveryEventWhosePredecessorIsNotTheLastEventSeen(ids: [(String?, String?)], expected: [Int]) throws {
        var chain = OrderChain()
        let found = try breaks(&chain, ids, from: base)
        #expect(found == expected)
    }

    @Test func reportsABreakAsASequenceGapSinceThePreviousEvent() throws {
        var chain = OrderChain()
        _ = chain.check(try PipelineSamples.order(micros: base, eventID: "e1", previous: "e0"))
        let broken = try PipelineSamples.order(micros: base + 7, eventID: "e9", previous: "e8")
        let gap = chain.check(broken)
        #expect(gap == Gap(header: broken.header, reason: .sequence, since: Timestamp(base, .microseconds)))
    }

    @Test func startsANewChainAfterAReset() throws {
        var chain = OrderChain()
        _ = chain.check(try PipelineSamples.order(micros: base, eventID: "e1", previous: "e0"))
        chain.reset()
        let found = try breaks(&chain, [("e50", "e49"), ("e52", "e51")], from: base + 1)
        #expect(found == [1])
    }
}

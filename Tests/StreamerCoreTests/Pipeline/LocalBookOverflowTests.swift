import Testing

@testable import StreamerCore

/// Found by reading for the fuzz harnesses: a nonce at Int64.max must not crash the gap warning.
struct LocalBookOverflowTests {
    @Test func aNonceFallingBackFromInt64MaxIsAGapNotACrash() throws {
        let market = try #require(Market.parse("BTC-EUR"))
        let header = EventHeader(exchange: .bitvavo, market: market, ts: nil, recv: Timestamp(1, .microseconds))
        let level = BookLevel(price: try #require(DecimalString("1")), amount: try #require(DecimalString("2")))
        func update(_ nonce: Int64, _ kind: BookUpdate.Kind) -> BookUpdate {
            BookUpdate(header: header, kind: kind, depth: 1, bids: [level], asks: [], seq: nonce)
        }
        var book = LocalBook(market: market, exchange: .bitvavo, depth: 1, throttle: nil)
        var out: [MarketEvent] = []
        var actions: [PipelineAction] = []
        book.diff(update(Int64.max, .diff), into: &out, actions: &actions)
        book.snapshot(update(Int64.max, .snapshot), into: &out, actions: &actions)
        book.diff(update(5, .diff), into: &out, actions: &actions)
        #expect(out.contains { if case .gap(let gap) = $0 { gap.reason == .sequence } else { false } })
        #expect(actions.contains(.warning("BTC-EUR book nonce jumped from 9223372036854775807 to 5; resyncing")))
    }
}

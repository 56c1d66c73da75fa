import Testing

@testable import StreamerCore

/// `TickerMerge`: Bitvavo's partial `ticker` frames (only the side that changed, B.3) merged into the full state.
struct TickerMergeTests {
    private let btc = BitvavoSamples.btcEur

    /// A frame received at millisecond `recv` with `[bid, bidSize, ask, askSize, last]` (nil: absent).
    private func frame(_ recv: Int64, _ values: [String?]) throws -> Ticker {
        let decimals = try values.map { try $0.map { try BitvavoSamples.decimal($0) } }
        return Ticker(
            header: BitvavoSamples.header(btc, nil, recv: Timestamp(recv, .milliseconds)), bid: decimals[0],
            bidSize: decimals[1], ask: decimals[2], askSize: decimals[3], last: decimals[4])
    }

    private func texts(_ ticker: Ticker) -> [String?] {
        [ticker.bid, ticker.bidSize, ticker.ask, ticker.askSize, ticker.last].map { $0?.text }
    }

    @Test func returnsTheFirstFrameAsItIsEvenWhenPartial() throws {
        var merge = TickerMerge()
        let first = try frame(1, [nil, nil, "75744", "0.09383265", nil])
        #expect(merge.merge(first) == first)
    }

    @Test(
        arguments: [
            // Each row: frames fed in order, then the expected merged state after the last one.
            (
                [["75743", "0.14051168", "75744", "0.09383265", "75743"], [nil, nil, "75745", "0.5", nil]],
                ["75743", "0.14051168", "75745", "0.5", "75743"]
            ),
            (
                [[nil, nil, "75744", "0.09383265", nil], ["75743", "0.14051168", nil, nil, nil]],
                ["75743", "0.14051168", "75744", "0.09383265", nil]
            ),
            (
                [["1", "1", "2", "2", "1.5"], [nil, nil, nil, nil, "1.75"], ["1.1", "3", nil, nil, nil]],
                ["1.1", "3", "2", "2", "1.75"]
            ),
            (
                [["1", "1", "2", "2", "1.5"], ["1.00", "0.50000000", "2.00", "0", "1.50"]],
                ["1.00", "0.50000000", "2.00", "0", "1.50"]
            ),
            ([[nil, nil, nil, nil, nil], [nil, "7", nil, nil, nil]], [nil, "7", nil, nil, nil]),
        ] as [([[String?]], [String?])])
    func mergesEachPartialFrameIntoTheLastKnownState(frames: [[String?]], expected: [String?]) throws {
        var merge = TickerMerge()
        var merged: Ticker?
        for (index, values) in frames.enumerated() { merged = merge.merge(try frame(Int64(index), values)) }
        #expect(texts(try #require(merged)) == expected)
    }

    @Test func usesTheHeaderOfTheNewestFrame() throws {
        var merge = TickerMerge()
        _ = merge.merge(try frame(1_795_000_000_000, ["75743", "0.14051168", "75744", "0.09383265", "75743"]))
        let newest = try frame(1_795_000_000_250, [nil, nil, "75745", "0.5", nil])
        #expect(merge.merge(newest).header == newest.header)
    }

    @Test func remembersTheMergedStateNotJustTheLastFrame() throws {
        var merge = TickerMerge()
        _ = merge.merge(try frame(1, ["1", "1", nil, nil, nil]))
        _ = merge.merge(try frame(2, [nil, nil, "2", "2", nil]))
        let third = merge.merge(try frame(3, [nil, nil, nil, nil, "1.5"]))
        #expect(texts(third) == ["1", "1", "2", "2", "1.5"])
    }
}

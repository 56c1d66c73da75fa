import Testing

@testable import StreamerCore

/// `CandleCloser`: an exchange's running candle updates (Bitvavo sends the open candle after each trade) printed once
/// per interval, when the next interval starts, when the clock passes the end plus 2 s, or open at the end of a run.
struct CandleCloserTests {
    /// 2026-11-18T11:06:00Z in seconds: the start of the first candle.
    private static let minute: Int64 = 1_794_999_960

    /// A `1m` (or `interval`) update starting `minutes` after `minute`, closing at `close`, received at `recv` s.
    private func update(_ minutes: Int64, close: String, interval: String = "1m", recv: Int64? = nil) throws -> Candle {
        let start = Timestamp((Self.minute + minutes * 60) * 1_000, .milliseconds)
        let price = try BitvavoSamples.decimal(close)
        return Candle(
            header: BitvavoSamples.header(
                BitvavoSamples.btcEur, start, recv: Timestamp(recv ?? (Self.minute + minutes * 60 + 1), .seconds)),
            interval: interval, start: start, open: price, high: price, low: price, close: price,
            volume: try BitvavoSamples.decimal("1"), closed: false)
    }

    private func closed(_ candle: Candle) -> Candle {
        var copy = candle
        copy.closed = true
        return copy
    }

    /// `now` in seconds after `minute`.
    private func at(_ seconds: Int64, plusMicros micros: Int64 = 0) -> Timestamp {
        Timestamp((Self.minute + seconds) * 1_000_000 + micros, .microseconds)
    }

    @Test func updatesOfOneIntervalReplaceEachOtherSilently() throws {
        var closer = CandleCloser()
        #expect(closer.update(try update(0, close: "75510")) == nil)
        #expect(closer.update(try update(0, close: "75525", recv: Self.minute + 30)) == nil)
        #expect(closer.finish() == (try update(0, close: "75525", recv: Self.minute + 30)))
    }

    @Test(arguments: [1, 2, 60])
    func aLaterIntervalReturnsThePreviousCandleClosed(minutes: Int64) throws {
        var closer = CandleCloser()
        _ = closer.update(try update(0, close: "75510"))
        let last = try update(0, close: "75525", recv: Self.minute + 59)
        _ = closer.update(last)
        let next = try update(minutes, close: "75519.1")
        #expect(closer.update(next) == closed(last))
        #expect(closer.finish() == next)
    }

    @Test func anUpdateForAnOlderIntervalIsDropped() throws {
        var closer = CandleCloser()
        _ = closer.update(try update(0, close: "75510"))
        let current = try update(1, close: "75525")
        _ = closer.update(current)
        #expect(closer.update(try update(0, close: "1")) == nil)
        #expect(closer.finish() == current)
    }

    @Test func anUpdateForAnIntervalClosedByTheClockIsDropped() throws {
        var closer = CandleCloser()
        let first = try update(0, close: "75510")
        _ = closer.update(first)
        #expect(closer.close(ifEndedBy: at(62)) == closed(first))
        let late = try update(0, close: "75511", recv: Self.minute + 63)
        let next = try update(1, close: "75520")
        #expect(closer.update(late) == nil)
        #expect(closer.update(next) == nil)
    }

    @Test(arguments: [
        ("1m", Int64(60), Int64(0), false), ("1m", 61, 999_999, false), ("1m", 62, 0, true),
        ("5m", 301, 999_999, false), ("5m", 302, 0, true), ("1h", 3601, 999_999, false), ("1h", 3602, 0, true),
    ])
    func closesByTheClockOnlyOnceTheIntervalAndTwoSecondsGraceHavePassed(
        interval: String, seconds: Int64, micros: Int64, closes: Bool
    ) throws {
        var closer = CandleCloser()
        let open = try update(0, close: "75510", interval: interval)
        _ = closer.update(open)
        #expect(closer.close(ifEndedBy: at(seconds, plusMicros: micros)) == (closes ? closed(open) : nil))
    }

    @Test func closesByTheClockOnceAndThenHasNothingOpen() throws {
        var closer = CandleCloser()
        let open = try update(0, close: "75510")
        _ = closer.update(open)
        #expect(closer.close(ifEndedBy: at(61, plusMicros: 999_999)) == nil)
        #expect(closer.close(ifEndedBy: at(62)) == closed(open))
        #expect(closer.close(ifEndedBy: at(600)) == nil)
        #expect(closer.finish() == nil)
    }

    @Test func neverClosesByTheClockACandleOfAnUnknownInterval() throws {
        var closer = CandleCloser()
        _ = closer.update(try update(0, close: "75510", interval: "3m"))
        #expect(closer.close(ifEndedBy: at(86_400)) == nil)
    }

    @Test func finishReturnsTheOpenCandleNotClosedAndThenNothing() throws {
        var closer = CandleCloser()
        #expect(closer.finish() == nil)
        let open = try update(0, close: "75510")
        _ = closer.update(open)
        let finished = closer.finish()
        #expect(finished == open && finished?.closed == false)
        #expect(closer.finish() == nil)
    }
}

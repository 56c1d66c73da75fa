import Testing

@testable import StreamerCore

/// OHLCV candles from trades, bucketed by exchange time, closed by later trades or by the clock plus a grace period.
struct CandleAggregatorTests {
    private let start = PipelineSamples.minute
    private let startMicros = PipelineSamples.minuteMicros

    private func aggregator(_ interval: CandleInterval = .oneMinute) -> CandleAggregator {
        CandleAggregator(interval: interval, exchange: .bitstamp, market: PipelineSamples.btc)
    }

    /// Adds a trade at `offset` µs after the minute boundary.
    private func add(
        _ candles: inout CandleAggregator, _ price: String, _ amount: String, at offset: Int64,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (closed: Candle?, late: Bool) {
        candles.add(
            try PipelineSamples.trade(
                price: price, amount: amount, micros: startMicros + offset, sourceLocation: sourceLocation))
    }

    @Test func buildsOHLCComparingPricesByValueAndSumsVolumeExactly() throws {
        var candles = aggregator()
        let trades: [(String, String, Int64)] = [
            ("9.5", "0.1", 1_000), ("10.25", "0.02", 20_000_000), ("9.75", "1", 59_999_999),
        ]
        for (price, amount, offset) in trades {
            let result = try add(&candles, price, amount, at: offset)
            #expect(result.closed == nil && !result.late)
        }
        let finished = candles.finish()
        let candle = try #require(finished)
        let last = startMicros + 59_999_999
        #expect(
            candle
                == Candle(
                    header: PipelineSamples.header(micros: last), interval: "1m", start: Timestamp(start, .seconds),
                    open: try PipelineSamples.decimal("9.5"), high: try PipelineSamples.decimal("10.25"),
                    low: try PipelineSamples.decimal("9.5"), close: try PipelineSamples.decimal("9.75"),
                    volume: try PipelineSamples.decimal("1.12"), closed: false))
        let again = candles.finish()
        #expect(again == nil)
    }

    @Test func keepsTheFirstTextOfAnExtremeThatRepeatsWithMoreZeros() throws {
        var candles = aggregator()
        _ = try add(&candles, "97000.5", "1", at: 0)
        _ = try add(&candles, "97000.50", "1", at: 1)
        _ = try add(&candles, "96999", "1", at: 2)
        _ = try add(&candles, "96999.000", "1", at: 3)
        let finished = candles.finish()
        let candle = try #require(finished)
        #expect(
            [candle.open.text, candle.high.text, candle.low.text, candle.close.text] == [
                "97000.5", "97000.5", "96999", "96999.000",
            ])
    }

    @Test func aTradeInTheNextIntervalClosesThePreviousCandleAndStartsANewOne() throws {
        var candles = aggregator()
        _ = try add(&candles, "100", "0.5", at: 10)
        _ = try add(&candles, "101", "0.25", at: 59_999_999)  // hh:mm:59.999999 is still this minute
        let result = try add(&candles, "102", "2", at: 60_000_000)  // hh:mm+1:00.000000 starts the next
        #expect(!result.late)
        let closed = try #require(result.closed)
        #expect(closed.closed)
        #expect(closed.start == Timestamp(start, .seconds))
        #expect(
            [closed.open.text, closed.high.text, closed.low.text, closed.close.text] == ["100", "101", "100", "101"])
        #expect(closed.volume.text == "0.75")
        #expect(closed.header.ts == Timestamp(startMicros + 59_999_999, .microseconds))
        let finished = candles.finish()
        let open = try #require(finished)
        #expect(open.start == Timestamp(start + 60, .seconds))
        #expect([open.open.text, open.close.text, open.volume.text] == ["102", "102", "2"])
        #expect(!open.closed)
    }

    @Test func aLateTradeForAClosedIntervalIsReportedAndNotCounted() throws {
        var candles = aggregator()
        _ = try add(&candles, "100", "1", at: 0)
        _ = try add(&candles, "105", "1", at: 61_000_000)
        let late = try add(&candles, "1", "50", at: 59_000_000)
        #expect(late.closed == nil)
        #expect(late.late)
        let finished = candles.finish()
        let open = try #require(finished)
        #expect([open.open.text, open.low.text, open.volume.text] == ["105", "105", "1"])
    }

    @Test func closesOnTheClockOnlyAfterTheTwoSecondGrace() throws {
        var candles = aggregator()
        _ = try add(&candles, "100", "1", at: 30_000_000)
        let end = startMicros + 60_000_000
        let atEnd = candles.close(ifEndedBy: Timestamp(end, .microseconds))
        #expect(atEnd == nil)
        let withinGrace = candles.close(ifEndedBy: Timestamp(end + 1_999_999, .microseconds))
        #expect(withinGrace == nil)
        let afterGrace = candles.close(ifEndedBy: Timestamp(end + 2_000_000, .microseconds))
        let closed = try #require(afterGrace)
        #expect(closed.closed && closed.start == Timestamp(start, .seconds))
        let twice = candles.close(ifEndedBy: Timestamp(end + 9_000_000, .microseconds))
        #expect(twice == nil)
        // The clock-closed interval is printed: a straggler for it is late and opens nothing.
        let straggler = try add(&candles, "99", "1", at: 59_999_999)
        #expect(straggler.late && straggler.closed == nil)
        let nothingOpen = candles.finish()
        #expect(nothingOpen == nil)
        // The next interval opens normally.
        let next = try add(&candles, "101", "1", at: 60_000_000)
        #expect(!next.late && next.closed == nil)
        let open = candles.finish()
        #expect(open?.start == Timestamp(start + 60, .seconds))
    }

    @Test func closeOnTheClockAcceptsSecondResolution() throws {
        var candles = aggregator()
        _ = try add(&candles, "100", "1", at: 0)
        let early = candles.close(ifEndedBy: Timestamp(start + 61, .seconds))
        #expect(early == nil)
        let due = candles.close(ifEndedBy: Timestamp(start + 62, .seconds))
        #expect(due?.closed == true)
    }

    @Test func bucketsMillisecondTimestampsLikeMicroseconds() throws {
        var candles = aggregator()
        let ms = start * 1_000
        func perpTrade(_ price: String, _ millis: Int64) throws -> Trade {
            Trade(
                header: EventHeader(
                    exchange: .bitstamp, market: PipelineSamples.btc, ts: Timestamp(millis, .milliseconds),
                    recv: Timestamp(millis * 1_000 + 4_000, .microseconds)),
                id: "2001939623936278528", price: try PipelineSamples.decimal(price),
                amount: try PipelineSamples.decimal("0.00921"), side: .buy)
        }
        let first = candles.add(try perpTrade("97010", ms + 59_999))
        #expect(first.closed == nil && !first.late)
        let second = candles.add(try perpTrade("97009", ms + 60_000))
        let closed = try #require(second.closed)
        #expect(closed.start == Timestamp(start, .seconds))
        #expect(closed.header.ts == Timestamp(ms + 59_999, .milliseconds))
        let open = candles.finish()
        #expect(open?.start == Timestamp(start + 60, .seconds))
    }

    @Test func bucketsATradeWithoutExchangeTimeByItsReceiveTime() throws {
        var candles = aggregator()
        _ = candles.add(
            try PipelineSamples.trade(price: "1", amount: "1", micros: nil, recv: startMicros + 125_000_000))
        let finished = candles.finish()
        let candle = try #require(finished)
        #expect(candle.start == Timestamp(start + 120, .seconds))
        #expect(candle.header.ts == nil)
        #expect(candle.header.recv == Timestamp(startMicros + 125_000_000, .microseconds))
    }

    /// `(interval, trade time in µs, expected bucket start in s)`; `minute` is 11:07:00, 120 s past a 5m boundary.
    @Test(
        arguments: [
            ("1m", PipelineSamples.minuteMicros, PipelineSamples.minute),
            ("1m", PipelineSamples.minuteMicros - 1, PipelineSamples.minute - 60),
            ("5m", PipelineSamples.minuteMicros, 1_794_999_900),
            ("5m", 1_794_999_900_000_000, 1_794_999_900),
            ("5m", 1_794_999_899_999_999, 1_794_999_600),
            ("1h", PipelineSamples.minuteMicros, 1_794_999_600),
            ("1h", 1_795_003_200_000_000, 1_795_003_200),
            ("1d", PipelineSamples.minuteMicros, 1_794_960_000),
            ("1d", 1_794_959_999_999_999, 1_794_873_600),
        ] as [(String, Int64, Int64)])
    func bucketsByIntervalWithBoundariesStartingANewBucket(name: String, micros: Int64, expected: Int64) throws {
        let interval = try #require(CandleInterval.named(name))
        var candles = aggregator(interval)
        _ = candles.add(try PipelineSamples.trade(price: "1", amount: "1", micros: micros))
        let finished = candles.finish()
        let candle = try #require(finished)
        #expect(candle.start == Timestamp(expected, .seconds))
        #expect(candle.interval == name)
    }
}

import Testing

@testable import StreamerCore

/// Inputs that crashed the `adapters` fuzz target (Fuzz/AdapterFuzzer.swift), kept as regression tests.
struct BitstampFuzzRegressionTests {
    /// 2026-11-21T12:00:00.123456Z.
    private let recv = Timestamp(1_795_262_400_123_456, .microseconds)
    private let market = Market(base: "BTC", quote: "USD")

    private func ohlc(timestamp: String) -> [UInt8] {
        let entry = #"{"timestamp":"\#(timestamp)","open":"1","high":"1","low":"1","close":"1","volume":"1"}"#
        return Array(#"{"data":{"ohlc":[\#(entry)]}}"#.utf8)
    }

    /// `timestamp` 9223372036854775807 overflowed `start + interval.seconds` (a trap) when deciding whether the
    /// candle had closed.
    @Test(arguments: ["9223372036854775807", "9223372036854775748", "-9223372036854775808"])
    func ohlcTimestampsAtTheEdgesOfInt64DecodeWithoutOverflow(_ timestamp: String) throws {
        for interval in CandleInterval.all {
            let candles = try Bitstamp.decodeOHLC(
                ohlc(timestamp: timestamp), market: market, interval: interval, receivedAt: recv)
            #expect(candles.count == 1)
            #expect(candles.first?.closed == timestamp.hasPrefix("-"))
        }
    }

    /// The fix keeps the boundary: a candle is closed once its whole interval lies at or before `receivedAt`.
    @Test func ohlcCandleClosesExactlyWhenItsIntervalHasEnded() throws {
        let now = recv.value / 1_000_000
        let ended = try Bitstamp.decodeOHLC(
            ohlc(timestamp: String(now - 60)), market: market, interval: .oneMinute, receivedAt: recv)
        let running = try Bitstamp.decodeOHLC(
            ohlc(timestamp: String(now - 59)), market: market, interval: .oneMinute, receivedAt: recv)
        #expect(ended.first?.closed == true)
        #expect(running.first?.closed == false)
    }
}

import Testing

@testable import StreamerCore

/// `ISOTimeCache` writes what `Timestamp.appendISO8601` writes, whichever entry it hits or replaces.
@Suite struct ISOTimeCacheTests {
    /// What the cache writes for `times`, in order, one after another through the same cache.
    private func cached(_ times: [Timestamp], quoted: Bool = false) -> [String] {
        var cache = ISOTimeCache()
        var storage = [UInt8](repeating: 0, count: 128)
        return times.map { time in
            storage.withUnsafeMutableBytes { raw in
                var writer = LineWriter(raw)
                cache.append(time, quoted: quoted, to: &writer)
                return String(decoding: writer.written, as: UTF8.self)
            }
        }
    }

    @Test(arguments: TimestampTests.cases)
    func writesWhatAppendISO8601Writes(_ sample: TimestampTests.Case) {
        let time = Timestamp(sample.value, sample.resolution)
        #expect(cached([time, time]) == [sample.iso8601, sample.iso8601])
        #expect(cached([time], quoted: true) == ["\"" + sample.iso8601 + "\""])
    }

    @Test func keepsTwoSecondsApartAndReplacesTheOneUsedLeast() {
        let ts = (0..<300).map { Timestamp(1_795_000_000_000_000 + Int64($0) * 7_919, .microseconds) }
        let recv = (0..<300).map { Timestamp(1_795_100_000_000_000 + Int64($0) * 13_001, .microseconds) }
        let interleaved = zip(ts, recv).flatMap { [$0, $1] } + [Timestamp(-1, .nanoseconds), Timestamp(5, .seconds)]
        #expect(cached(interleaved) == interleaved.map(\.iso8601))
    }

    @Test(arguments: [Timestamp.Resolution.milliseconds, .microseconds, .nanoseconds])
    func writesEveryFractionDigitAsAppendISO8601Does(_ resolution: Timestamp.Resolution) {
        let units = resolution.unitsPerSecond
        var fractions: [Int64] = [0, 1, 9, 10, 99, 100, 101, units / 10, units / 10 - 1, units / 2, units - 1]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {  // a fixed pseudo-random sample of the rest
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            fractions.append(Int64(state >> 33) % units)
        }
        let times = fractions.flatMap { fraction in
            [Timestamp(1_795_000_000 * units + fraction, resolution), Timestamp(-units + fraction, resolution)]
        }
        #expect(cached(times) == times.map(\.iso8601))
    }

    @Test func writesEightDigitsWithLeadingZeros() {
        for value: UInt32 in [0, 1, 9, 10, 99, 100, 9_999, 10_000, 10_001, 1_234_567, 12_345_678, 99_999_999] {
            let text = withUnsafeBytes(of: ISOTimeCache.eightDigits(value).littleEndian) { Array($0) }
            let digits = String(value)
            #expect(String(decoding: text, as: UTF8.self) == String(repeating: "0", count: 8 - digits.count) + digits)
        }
    }

    @Test func formatsYearsTooLongToKeepEachTime() {
        let far = Timestamp(Int64.max, .seconds)  // a 12-digit year: 27 bytes of date and time
        #expect(cached([far, far]) == [far.iso8601, far.iso8601])
    }
}

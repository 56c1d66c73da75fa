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

    @Test func formatsYearsTooLongToKeepEachTime() {
        let far = Timestamp(Int64.max, .seconds)  // a 12-digit year: 27 bytes of date and time
        #expect(cached([far, far]) == [far.iso8601, far.iso8601])
    }
}

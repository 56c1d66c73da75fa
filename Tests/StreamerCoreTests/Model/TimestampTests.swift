import Testing

@testable import StreamerCore

// Every expected date below was checked independently with GNU date, e.g.
// `date -u -d @1641343699 +%Y-%m-%dT%H:%M:%SZ` → 2022-01-05T00:48:19Z; the fraction is the value's last digits.
/// ISO 8601 and time-of-day printing at each native resolution, before and after 1970.
@Suite struct TimestampTests {
    /// One rendering case: the raw value, its resolution and the ISO 8601 text expected.
    struct Case: Sendable, CustomTestStringConvertible {
        /// Units since the epoch.
        let value: Int64
        /// What one unit is.
        let resolution: Timestamp.Resolution
        /// The expected `iso8601`.
        let iso8601: String

        var testDescription: String { "\(value) \(resolution) → \(iso8601)" }
    }

    static let cases: [Case] = [
        // Bitstamp microtimestamp from the CF-WS trade (date -u -d @1641343699).
        Case(value: 1_641_343_699_596_000, resolution: .microseconds, iso8601: "2022-01-05T00:48:19.596000Z"),
        // Milliseconds (date -u -d @1545220667).
        Case(value: 1_545_220_667_509, resolution: .milliseconds, iso8601: "2018-12-19T11:57:47.509Z"),
        // Nanoseconds (date -u -d @1790126693 → 2026-09-23T01:24:53Z).
        Case(value: 1_790_126_693_594_483_831, resolution: .nanoseconds, iso8601: "2026-09-23T01:24:53.594483831Z"),
        Case(value: 0, resolution: .seconds, iso8601: "1970-01-01T00:00:00Z"),
        Case(value: 0, resolution: .nanoseconds, iso8601: "1970-01-01T00:00:00.000000000Z"),
        // Leading zeros of the fraction are kept.
        Case(value: 1_795_000_000_000_007, resolution: .microseconds, iso8601: "2026-11-18T11:06:40.000007Z"),
        // Leap day and the day after it (date -u -d @1709251199, @1709251200).
        Case(value: 1_709_251_199, resolution: .seconds, iso8601: "2024-02-29T23:59:59Z"),
        Case(value: 1_709_251_200, resolution: .seconds, iso8601: "2024-03-01T00:00:00Z"),
        // 2100 is not a leap year: Feb 28 is followed by Mar 1 (date -u -d @4107542399, @4107542400).
        Case(value: 4_107_542_399_999, resolution: .milliseconds, iso8601: "2100-02-28T23:59:59.999Z"),
        Case(value: 4_107_542_400, resolution: .seconds, iso8601: "2100-03-01T00:00:00Z"),
        // Before 1970 the fraction counts forward from the earlier second (date -u -d @-1).
        Case(value: -1, resolution: .microseconds, iso8601: "1969-12-31T23:59:59.999999Z"),
        Case(value: -1, resolution: .seconds, iso8601: "1969-12-31T23:59:59Z"),
        Case(value: -1_500, resolution: .milliseconds, iso8601: "1969-12-31T23:59:58.500Z"),
        // Exactly one day and one day plus a second before the epoch (date -u -d @-86400, @-86401).
        Case(value: -86_400, resolution: .seconds, iso8601: "1969-12-31T00:00:00Z"),
        Case(value: -86_401_000, resolution: .milliseconds, iso8601: "1969-12-30T23:59:59.000Z"),
        // 1900 is not a leap year either (date -u -d @-2208988800 → 1900-01-01T00:00:00Z).
        Case(value: -2_208_988_800, resolution: .seconds, iso8601: "1900-01-01T00:00:00Z"),
        // The largest nanosecond time (date -u -d @9223372036 → 2262-04-11T23:47:16Z).
        Case(value: Int64.max, resolution: .nanoseconds, iso8601: "2262-04-11T23:47:16.854775807Z"),
    ]

    @Test(arguments: cases)
    func printsUTCWithTheNativeNumberOfFractionDigits(_ example: Case) {
        #expect(Timestamp(example.value, example.resolution).iso8601 == example.iso8601)
    }

    @Test(arguments: cases)
    func appendsTheSameTextAfterWhatIsAlreadyInTheBuffer(_ example: Case) {
        var out = Array("ts=".utf8)
        Timestamp(example.value, example.resolution).appendISO8601(to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "ts=" + example.iso8601)
    }

    @Test(arguments: cases)
    func appendsTheTimeOfDayPartOfTheSameInstant(_ example: Case) throws {
        var out = Array("at ".utf8)
        Timestamp(example.value, example.resolution).appendTimeOfDay(to: &out)
        let time = try #require(example.iso8601.split(separator: "T").last).dropLast()  // drop "Z"
        #expect(String(decoding: out, as: UTF8.self) == "at " + time)
    }

    @Test func printsTheTimeOfDayWithoutDateOrZone() {
        var out: [UInt8] = []
        Timestamp(1_641_343_699_596_000, .microseconds).appendTimeOfDay(to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "00:48:19.596000")
    }

    @Test func printsNoFractionForWholeSeconds() {
        var out: [UInt8] = []
        Timestamp(1_641_343_699, .seconds).appendTimeOfDay(to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "00:48:19")
    }

    @Test(arguments: [
        (Int64(-1), Timestamp.Resolution.microseconds, Int64(-1), Int64(999_999)),
        (-1_000_000, .microseconds, -1, 0),
        (1_999, .milliseconds, 1, 999),
        (-2_001, .milliseconds, -3, 999),
        (7, .seconds, 7, 0),
    ])
    func floorsTheSecondsSoTheFractionIsNeverNegative(
        value: Int64, resolution: Timestamp.Resolution, seconds: Int64, fraction: Int64
    ) {
        let split = Timestamp(value, resolution).secondsAndFraction
        #expect(split.seconds == seconds)
        #expect(split.fraction == fraction)
    }

    // A Bitstamp trade without `microtimestamp` takes `timestamp` as seconds (Bitstamp.coarseTimestamp), so a
    // message with "timestamp":"-9223372036854775807" builds this Timestamp; printing it must not kill the process.
    @Test func printsAHugeNegativeSecondCountWithoutTrapping() async {
        await #expect(processExitsWith: .success) {
            _ = Timestamp(-9_223_372_036_854_775_807, .seconds).iso8601
            _ = Timestamp(.min, .seconds).iso8601
            _ = Timestamp(.max, .seconds).iso8601
        }
    }

    @Test func keepsValueAndResolutionAsGiven() {
        let time = Timestamp(1_545_220_667_509, .milliseconds)
        #expect(time.value == 1_545_220_667_509)
        #expect(time.resolution == .milliseconds)
        #expect(Timestamp.Resolution.nanoseconds.rawValue == 9)
    }
}

import Testing

@testable import StreamerCore

/// `-o` patterns: strftime fields in UTC and `{type}`.
struct PathPatternTests {
    // 1795000000 s is 2026-11-18T11:06:40Z (checked with `date -u -d @1795000000`), day 322 of the year.
    private let time = Timestamp(1_795_000_000_123_456, .microseconds)

    @Test(arguments: [
        ("trades-%Y%m%d.csv", "trades-20261118.csv"), ("trades-%Y%m%d-%H.csv", "trades-20261118-11.csv"),
        ("%H:%M:%S", "11:06:40"), ("day-%j", "day-322"), ("100%%-{type}.jsonl", "100%-trade.jsonl"),
        ("plain.jsonl", "plain.jsonl"), ("odd-%q", "odd-%q"), ("{market}-{type}", "{market}-trade"),
    ])
    func expandsFieldsInUTC(pattern: String, expected: String) {
        #expect(PathPattern(pattern).expand(at: time, type: "trade") == expected)
    }

    @Test func saysWhetherItRotatesOrSplitsTypes() {
        #expect(PathPattern("a-%Y.csv").rotates && !PathPattern("a.csv").rotates)
        #expect(PathPattern("{type}.csv").splitsTypes && !PathPattern("a.csv").splitsTypes)
    }

    @Test func rollsOverAtMidnightAndNewYear() {
        let lastSecond = Timestamp(1_798_761_599, .seconds)  // 2026-12-31T23:59:59Z (`date -u -d @1798761599`)
        #expect(PathPattern("%Y-%m-%d %j").expand(at: lastSecond, type: "") == "2026-12-31 365")
        let next = Timestamp(1_798_761_600, .seconds)
        #expect(PathPattern("%Y-%m-%d %j").expand(at: next, type: "") == "2027-01-01 001")
    }
}

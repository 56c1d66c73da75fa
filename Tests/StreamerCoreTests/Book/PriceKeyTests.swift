import Testing

@testable import StreamerCore

/// Exact, ordered, hashable keys for decimal prices.
@Suite struct PriceKeyTests {
    /// Spellings of one value: Bitvavo pads updates to the tick (`"75516.00"`) but not snapshots (`"75516"`).
    static let sameValue: [(String, String)] = [
        ("75516", "75516.00"), ("75516", "75516.0"), ("1.5", "1.50000000"), ("0", "0.00000000"),
        ("0", "-0.0"), ("-0", "0"), ("0.00000001", "0.000000010"), ("-2.5", "-2.500"),
    ]

    /// Pairs in ascending order across integer and fraction lengths and signs.
    static let ascending: [(String, String)] = [
        ("9.99", "10"), ("0.00000001", "0.0000001"), ("0.0000001", "0.00000011"), ("99", "100.0"),
        ("-10", "-9.99"), ("-0.5", "0"), ("-1", "1"), ("75515.99", "75516.00"),
        ("0.000000000000000001", "0.000000000000000002"), ("1.000000000000000001", "1.00000000000000001"),
        ("170141183460469231731.687303715884105726", "170141183460469231731.687303715884105727"),
    ]

    /// Values a key cannot hold: more than 18 significant fraction digits, or beyond ±(2^127 - 1) / 10^18.
    static let unrepresentable = [
        "0.0000000000000000001", "1.1234567890123456789", "-0.0000000000000000001",
        "170141183460469231731.687303715884105728", "170141183460469231732", "-170141183460469231732",
        "-170141183460469231731.687303715884105728", "1000000000000000000000000000000000000000000",
    ]

    @Test(arguments: sameValue)
    func differentlyPaddedPricesAreTheSameKeyAndHashTheSame(_ lhs: String, _ rhs: String) throws {
        let left = try BookSamples.key(lhs)
        let right = try BookSamples.key(rhs)
        #expect(left == right)
        #expect(left.hashValue == right.hashValue)
        #expect(Set([left, right]).count == 1)
    }

    @Test(arguments: ascending)
    func ordersByNumericValueNotByText(_ smaller: String, _ larger: String) throws {
        let low = try BookSamples.key(smaller)
        let high = try BookSamples.key(larger)
        #expect(low < high)
        #expect(!(high < low))
        #expect(low != high)
    }

    @Test(arguments: unrepresentable)
    func refusesPricesItCannotHoldExactly(_ text: String) throws {
        #expect(PriceKey(try BookSamples.decimal(text)) == nil)
    }

    @Test func ignoresTrailingZerosBeyondEighteenFractionDigits() throws {
        let key = try BookSamples.key("0.123456789012345678000000")
        #expect(key.scaled == 123_456_789_012_345_678)
    }

    @Test func holdsTheLargestAndSmallestValuesExactly() throws {
        #expect(try BookSamples.key("170141183460469231731.687303715884105727").scaled == Int128.max)
        #expect(try BookSamples.key("-170141183460469231731.687303715884105727").scaled == -Int128.max)
    }

    @Test func scalesByTenToTheEighteenth() throws {
        #expect(try BookSamples.key("1").scaled == 1_000_000_000_000_000_000)
        #expect(try BookSamples.key("-0.5").scaled == -500_000_000_000_000_000)
        #expect(try BookSamples.key("75516.00").scaled == 75_516 * 1_000_000_000_000_000_000)
    }

    @Test(arguments: [
        ("75516.00", "75516"), ("0.50000000", "0.5"), ("-0.0", "0"), ("-1.25", "-1.25"),
        ("0.000000000000000001", "0.000000000000000001"),
    ])
    func describesItselfWithTheShortestText(_ text: String, _ expected: String) throws {
        #expect(try BookSamples.key(text).description == expected)
    }

    /// The 64-bit fast path agrees with the all-`Int128` path on random prices of every shape it takes, including
    /// the 19- and 20-digit integer parts either side of its limit.
    @Test func fastPathAgreesWithTheWidePath() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let integerDigits = Int.random(in: 1...21, using: &generator)
            var text = Bool.random(using: &generator) ? "-" : ""
            text += String(Int.random(in: 1...9, using: &generator))
            for _ in 1..<integerDigits { text += String(Int.random(in: 0...9, using: &generator)) }
            if Int.random(in: 0...3, using: &generator) == 0 { text = text.hasPrefix("-") ? "-0" : "0" }
            let fractionDigits = Int.random(in: 0...22, using: &generator)
            if fractionDigits > 0 {
                text += "."
                for _ in 0..<fractionDigits {
                    // Mostly zeros, so runs of pending zeros and trailing zeros are common.
                    let digit = Int.random(in: 0...2, using: &generator) == 0 ? Int.random(in: 1...9) : 0
                    text += String(digit)
                }
            }
            let decimal = try BookSamples.decimal(text)
            #expect(PriceKey(decimal)?.scaled == PriceKey.wideScaled(decimal), "\(text)")
        }
    }

    @Test func sortsAMixedListNumerically() throws {
        let texts = ["10", "9.99", "0.0000001", "-1", "0.00000001", "100.000", "-0.5", "10.01"]
        let sorted = try texts.map { try BookSamples.key($0) }.sorted().map(\.description)
        #expect(sorted == ["-1", "-0.5", "0.00000001", "0.0000001", "9.99", "10", "10.01", "100"])
    }
}

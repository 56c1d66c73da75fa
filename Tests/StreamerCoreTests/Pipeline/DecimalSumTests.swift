import Testing

@testable import StreamerCore

/// Exact candle-volume sums in fixed point at the largest scale seen.
struct DecimalSumTests {
    /// The largest `Int128`, 39 digits.
    private static let int128Max = "170141183460469231731687303715884105727"

    private func sum(_ texts: [String]) throws -> DecimalSum {
        var sum = DecimalSum()
        for text in texts {
            let added = sum.add(try PipelineSamples.decimal(text))
            #expect(added, "refused \(text)")
        }
        return sum
    }

    @Test(arguments: [
        ([], "0"),
        (["5"], "5"),
        (["0.1", "0.02"], "0.12"),
        (["0.02", "0.1"], "0.12"),
        (["1", "0.00000001"], "1.00000001"),
        (["0.07920000", "0.00123000"], "0.08043000"),
        (["0.00921", "0.15000", "0.02000"], "0.17921"),
        (["123456789.123456789", "0.000000001"], "123456789.123456790"),
        (["0.5", "0.5"], "1.0"),
        (["-0.5", "0.25"], "-0.25"),
        (["0.00000001", "-0.00000002"], "-0.00000001"),
        (["-1.5", "1.5"], "0.0"),
        (["-3", "-0.001"], "-3.001"),
        (["99999999.99999999", "0.00000001"], "100000000.00000000"),
    ])
    func addsDecimalsOfDifferingScalesExactly(inputs: [String], expected: String) throws {
        #expect(try sum(inputs).decimal.text == expected)
    }

    @Test func accumulatesThousandsOfSmallAmountsWithoutDrift() throws {
        var sum = DecimalSum()
        var double = 0.0
        let tenth = try PipelineSamples.decimal("0.1")
        for _ in 0..<10_000 {
            let added = sum.add(tenth)
            #expect(added)
            double += 0.1
        }
        #expect(sum.decimal.text == "1000.0")
        #expect(double != 1000.0)  // what a Double would have printed instead
        let satoshi = try PipelineSamples.decimal("0.00000001")
        var satoshis = DecimalSum()
        for _ in 0..<100_000 { satoshis.add(satoshi) }
        #expect(satoshis.decimal.text == "0.00100000")
    }

    @Test func keepsThirtyFractionDigitsExactly() throws {
        let text = "0." + String(repeating: "0", count: 29) + "1"
        #expect(try sum([text, text]).decimal.text == "0." + String(repeating: "0", count: 29) + "2")
    }

    @Test(arguments: [
        // More than 30 fraction digits: refused rather than rounded.
        (["1.5"], "0." + String(repeating: "0", count: 30) + "1", "1.5"),
        // A 40-digit integer does not fit an Int128.
        (["2"], "1" + String(repeating: "0", count: 39), "2"),
        // The sum itself overflows.
        ([int128Max], "1", int128Max),
        (["-" + int128Max], "-" + int128Max, "-" + int128Max),
        // Rescaling the sum to the new input's 21 fraction digits overflows.
        (["100000000000000000000"], "0.000000000000000000001", "100000000000000000000"),
        // Rescaling the input to the sum's 30 fraction digits overflows.
        (
            ["0." + String(repeating: "0", count: 29) + "1"], "1000000000",
            "0." + String(repeating: "0", count: 29) + "1"
        ),
    ])
    func refusesWhatItCannotHoldAndLeavesTheSumUnchanged(before: [String], refused: String, expected: String) throws {
        var total = try sum(before)
        let added = total.add(try PipelineSamples.decimal(refused))
        #expect(!added)
        #expect(total.decimal.text == expected)
        let zero = total.add(try PipelineSamples.decimal("0"))  // still usable afterwards
        #expect(zero)
        #expect(total.decimal.text == expected)
    }
}

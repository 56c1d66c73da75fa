import Testing

@testable import StreamerCore

/// Numeric readings of `DecimalString` that the book needs: zero tests and value equality.
@Suite struct DecimalStringNumericTests {
    @Test(arguments: ["0", "0.00000000", "-0.0", "-0", "0.00000", "0.0"])
    func recognisesZeroHoweverItIsSpelled(_ text: String) throws {
        #expect(try BookSamples.decimal(text).isZero)
    }

    @Test(arguments: ["0.00000001", "1", "10", "-0.1", "100.00", "0.10000000"])
    func doesNotMistakeOtherValuesForZero(_ text: String) throws {
        #expect(try !BookSamples.decimal(text).isZero)
    }

    @Test(arguments: [
        ("0.50000000", "0.5"), ("1", "1.000"), ("0", "-0.000"), ("75516.00", "75516"), ("-2.10", "-2.1"),
        ("0.0000000000000000000001", "0.00000000000000000000010"),
    ])
    func equatesTextsThatSpellTheSameNumber(_ lhs: String, _ rhs: String) throws {
        let left = try BookSamples.decimal(lhs)
        let right = try BookSamples.decimal(rhs)
        #expect(left.isNumericallyEqual(to: right))
        #expect(right.isNumericallyEqual(to: left))
    }

    @Test(arguments: [
        ("0.5", "0.05"), ("1", "10"), ("10", "100"), ("-1", "1"), ("1.01", "1.1"), ("0.5", "5"), ("100", "1.00"),
    ])
    func tellsDifferentNumbersApart(_ lhs: String, _ rhs: String) throws {
        let left = try BookSamples.decimal(lhs)
        let right = try BookSamples.decimal(rhs)
        #expect(!left.isNumericallyEqual(to: right))
        #expect(!right.isNumericallyEqual(to: left))
    }
}

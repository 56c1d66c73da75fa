/// An exact, totally ordered, hashable book key for a decimal price: `"75516"`, `"75516.0"` and `"75516.00"` are equal.
///
/// The value is fixed point, scaled by 10^18 in an `Int128`, so any price with at most 18 fraction digits (after
/// trailing zeros are stripped) and a magnitude below about 1.7 × 10^20 is represented exactly.
public struct PriceKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number of fraction digits the key keeps.
    public static let fractionDigits = 18
    /// 10^18: one unit of price in `scaled`.
    static let scale: Int128 = 1_000_000_000_000_000_000

    /// The price times 10^18.
    public let scaled: Int128

    /// A key from an already scaled value.
    init(scaled: Int128) {
        self.scaled = scaled
    }

    /// The key for `decimal`; nil if it has more than 18 significant fraction digits or does not fit.
    public init?(_ decimal: DecimalString) {
        guard let scaled = decimal.withUTF8(PriceKey.scaled) else { return nil }
        self.scaled = scaled
    }

    /// The value of the decimal text `bytes` times 10^18; nil if it has more than 18 significant fraction digits or
    /// does not fit.
    ///
    /// Prices as exchanges send them (up to 19 integer digits) are read with 64-bit digit arithmetic and widened
    /// once; longer integer parts take `wideScaled`, which works in `Int128` throughout.
    private static func scaled(_ bytes: UnsafeRawBufferPointer) -> Int128? {
        var negative = false
        var inFraction = false
        var integer: UInt64 = 0
        var integerDigits = 0
        var fraction: UInt64 = 0  // < 10^fractionDigits ≤ 10^18: fits
        var fractionDigits = 0
        var pendingZeros = 0  // fraction zeros not yet known to be followed by a non-zero digit
        // DecimalString guarantees `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, so every other byte is a digit.
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                negative = true
            } else if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if !inFraction {
                integerDigits += 1
                // 10^19 - 1 < 2^64: beyond that, Int128 all the way.
                guard integerDigits <= 19 else { return wideScaled(bytes) }
                integer = integer &* 10 &+ UInt64(byte &- 0x30)
            } else if byte == UInt8(ascii: "0") {
                pendingZeros += 1
            } else {
                fractionDigits += pendingZeros + 1
                guard fractionDigits <= PriceKey.fractionDigits else { return nil }
                fraction = fraction &* PriceKey.powersOfTen[pendingZeros + 1] &+ UInt64(byte &- 0x30)
                pendingZeros = 0
            }
        }
        // integer < 10^19 and fraction × 10^(18 - digits) < 10^18: the sum stays below 10^37 < 2^127.
        let magnitude =
            Int128(integer) &* PriceKey.scale
            &+ Int128(fraction &* PriceKey.powersOfTen[PriceKey.fractionDigits - fractionDigits])
        return negative ? -magnitude : magnitude
    }

    /// 10^0 … 10^19, all below 2^64.
    static let powersOfTen: [UInt64] = (0...19).map { exponent in
        (0..<exponent).reduce(UInt64(1)) { power, _ in power * 10 }
    }

    /// The scaled value of `decimal`, computed in `Int128` with overflow checks at every digit.
    ///
    /// Nil when it has more than 18 significant fraction digits or does not fit. The general path behind `init?(_:)`.
    static func wideScaled(_ decimal: DecimalString) -> Int128? {
        decimal.withUTF8(wideScaled)
    }

    /// `wideScaled` over the decimal text `bytes`.
    private static func wideScaled(_ bytes: UnsafeRawBufferPointer) -> Int128? {
        var negative = false
        var inFraction = false
        var integer: Int128 = 0
        var fraction: Int128 = 0
        var fractionDigits = 0
        var pendingZeros = 0
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                negative = true
            } else if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if !inFraction {
                let (shifted, overflow) = integer.multipliedReportingOverflow(by: 10)
                let (sum, carry) = shifted.addingReportingOverflow(Int128(byte &- 0x30))
                guard !overflow, !carry else { return nil }
                integer = sum
            } else if byte == UInt8(ascii: "0") {
                pendingZeros += 1
            } else {
                fractionDigits += pendingZeros + 1
                guard fractionDigits <= PriceKey.fractionDigits else { return nil }
                for _ in 0..<pendingZeros { fraction *= 10 }
                fraction = fraction * 10 + Int128(byte &- 0x30)
                pendingZeros = 0
            }
        }
        for _ in fractionDigits..<PriceKey.fractionDigits { fraction *= 10 }
        let (whole, overflow) = integer.multipliedReportingOverflow(by: PriceKey.scale)
        guard !overflow else { return nil }
        let (magnitude, sumOverflow) = whole.addingReportingOverflow(fraction)
        guard !sumOverflow else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// Orders by numeric value.
    public static func < (lhs: PriceKey, rhs: PriceKey) -> Bool {
        lhs.scaled < rhs.scaled
    }

    /// The shortest decimal text for the value (`"75516"`, `"0.5"`), for diagnostics.
    public var description: String {
        let magnitude = scaled.magnitude
        let unit = PriceKey.scale.magnitude
        var fraction = String(magnitude % unit)
        fraction = String(repeating: "0", count: PriceKey.fractionDigits - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = scaled < 0 ? "-" : ""
        return sign + String(magnitude / unit) + (fraction.isEmpty ? "" : "." + fraction)
    }
}

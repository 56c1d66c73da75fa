/// An exact running sum of decimals (candle volumes), in fixed point at the largest scale seen so far.
struct DecimalSum: Sendable {
    private var value: Int128 = 0
    private var scale = 0
    /// Beyond this many fraction digits the sum refuses input rather than round.
    private static let maxScale = 30

    /// `decimal` as its digits without the point, the number of fraction digits and the sign; nil on overflow.
    private static func parts(of decimal: DecimalString) -> (digits: Int128, fraction: Int, negative: Bool)? {
        decimal.withUTF8 { bytes in
            var digits: Int128 = 0
            var fraction = 0
            var negative = false
            var inFraction = false
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "-"): negative = true
                case UInt8(ascii: "."): inFraction = true
                default:
                    let (times, o1) = digits.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times.addingReportingOverflow(Int128(byte &- 0x30))
                    guard !o1, !o2 else { return nil }
                    digits = sum
                    if inFraction { fraction += 1 }
                }
            }
            return (digits, fraction, negative)
        }
    }

    /// Adds `decimal`; false (and the sum unchanged) if it would overflow or has too many fraction digits.
    @discardableResult
    mutating func add(_ decimal: DecimalString) -> Bool {
        guard let (parsed, fraction, negative) = DecimalSum.parts(of: decimal) else { return false }
        var digits = parsed
        guard fraction <= DecimalSum.maxScale else { return false }
        var current = value
        var currentScale = scale
        while currentScale < fraction {
            let (times, overflow) = current.multipliedReportingOverflow(by: 10)
            guard !overflow else { return false }
            current = times
            currentScale += 1
        }
        for _ in fraction..<currentScale {
            let (times, overflow) = digits.multipliedReportingOverflow(by: 10)
            guard !overflow else { return false }
            digits = times
        }
        let (total, overflow) = current.addingReportingOverflow(negative ? -digits : digits)
        guard !overflow else { return false }
        value = total
        scale = currentScale
        return true
    }

    /// Half the sum, exactly (one more fraction digit when needed): the mid price of a bid and an ask.
    var halved: DecimalString {
        var copy = self
        if value % 2 != 0 {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return decimal }
            copy.value = times
            copy.scale += 1
        }
        copy.value /= 2
        return copy.decimal
    }

    /// The sum with as many fraction digits as the most precise input.
    var decimal: DecimalString {
        let negative = value < 0
        var digits = String(value.magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return DecimalString(trusted: (negative && value != 0 ? "-" : "") + digits)
    }
}

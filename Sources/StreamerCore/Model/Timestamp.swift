/// A Unix time at the resolution the exchange sent it (Bitstamp µs, Bitvavo ms or ns; DESIGN.md §3).
public struct Timestamp: Hashable, Sendable {
    /// Decimal places of a second.
    public enum Resolution: Int, Sendable {
        case seconds = 0
        case milliseconds = 3
        case microseconds = 6
        case nanoseconds = 9

        /// Units per second.
        var unitsPerSecond: Int64 {
            switch self {
            case .seconds: 1
            case .milliseconds: 1_000
            case .microseconds: 1_000_000
            case .nanoseconds: 1_000_000_000
            }
        }
    }

    /// Units since 1970-01-01T00:00:00Z.
    public let value: Int64
    /// What one unit is.
    public let resolution: Resolution

    /// A time of `value` units at `resolution`.
    public init(_ value: Int64, _ resolution: Resolution) {
        self.value = value
        self.resolution = resolution
    }

    /// The whole seconds and the fraction in units, flooring for times before 1970.
    var secondsAndFraction: (seconds: Int64, fraction: Int64) {
        // Constant divisors per resolution: the compiler turns them into multiplications (no 64-bit divide).
        var seconds: Int64
        var fraction: Int64
        switch resolution {
        case .seconds: return (value, 0)
        case .milliseconds: (seconds, fraction) = (value / 1_000, value % 1_000)
        case .microseconds: (seconds, fraction) = (value / 1_000_000, value % 1_000_000)
        case .nanoseconds: (seconds, fraction) = (value / 1_000_000_000, value % 1_000_000_000)
        }
        if fraction < 0 {
            seconds -= 1
            fraction += resolution.unitsPerSecond
        }
        return (seconds, fraction)
    }

    /// UTC ISO 8601 with exactly the native number of fraction digits: `2026-11-21T12:00:00.123456Z`.
    public var iso8601: String {
        var out: [UInt8] = []
        appendISO8601(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `iso8601` to `out` without building a String.
    public func appendISO8601(to out: inout [UInt8]) {
        let (seconds, fraction) = secondsAndFraction
        let days = seconds / 86_400 - (seconds % 86_400 < 0 ? 1 : 0)  // floor division without overflow
        let secondOfDay = (seconds % 86_400 + 86_400) % 86_400
        let (year, month, day) = Timestamp.civilDate(daysSinceEpoch: days)
        append(year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        append(month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        append(day, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        appendTimeOfDay(secondOfDay: secondOfDay, fraction: fraction, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    /// Appends `HH:MM:SS[.fraction]` (UTC) to `out`.
    public func appendTimeOfDay(to out: inout [UInt8]) {
        let (seconds, fraction) = secondsAndFraction
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        appendTimeOfDay(secondOfDay: secondOfDay, fraction: fraction, to: &out)
    }

    private func appendTimeOfDay(secondOfDay: Int64, fraction: Int64, to out: inout [UInt8]) {
        append(secondOfDay / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        append(secondOfDay / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        append(secondOfDay % 60, width: 2, to: &out)
        if resolution != .seconds {
            out.append(UInt8(ascii: "."))
            append(fraction, width: resolution.rawValue, to: &out)
        }
    }

    /// Appends `number` zero-padded to `width` digits.
    private func append(_ number: Int64, width: Int, to out: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var value = number.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(value % 10) + 0x30
                value /= 10
                count += 1
            } while value > 0 && count < 12
            for _ in count..<max(count, width) { out.append(0x30) }
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    /// Year, month and day for a day count since 1970-01-01 (proleptic Gregorian; H.
    ///
    /// Hinnant's algorithm).
    static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Timestamp {
    /// This time in `resolution` units since the epoch (truncated toward the past when coarser, exact when finer;
    /// saturating far outside any exchange's range).
    public func value(in resolution: Resolution) -> Int64 {
        let from = self.resolution.unitsPerSecond
        let to = resolution.unitsPerSecond
        if from == to { return value }
        if to > from {
            let (product, overflow) = value.multipliedReportingOverflow(by: to / from)
            return overflow ? (value < 0 ? .min : .max) : product
        }
        let divisor = from / to
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}

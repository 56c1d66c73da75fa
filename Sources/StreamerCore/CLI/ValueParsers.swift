/// Parsers for option values: durations and byte sizes.
enum ValueParsers {
    /// `90s`, `500ms`, `10m`, `2h`, `1h30m`, `1d`, or bare seconds; nil if malformed or zero.
    static func duration(_ text: String) -> Duration? {
        var total: Int64 = 0
        var number: Int64?
        var index = text.startIndex
        var sawUnit = false
        while index < text.endIndex {
            let character = text[index]
            if let digit = character.wholeNumberValue, character.isASCII {
                let (times, o1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(Int64(digit))
                guard !o1, !o2 else { return nil }
                number = sum
                index = text.index(after: index)
                continue
            }
            guard let value = number else { return nil }
            let rest = text[index...]
            let (unitMilliseconds, length): (Int64, Int) =
                rest.hasPrefix("ms")
                ? (1, 2)
                : rest.hasPrefix("s")
                    ? (1_000, 1)
                    : rest.hasPrefix("m")
                        ? (60_000, 1)
                        : rest.hasPrefix("h")
                            ? (3_600_000, 1)
                            : rest.hasPrefix("d") ? (86_400_000, 1) : (0, 0)
            guard length > 0 else { return nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: unitMilliseconds)
            guard !overflow else { return nil }
            total += product
            number = nil
            sawUnit = true
            index = text.index(index, offsetBy: length)
        }
        if let value = number {
            guard !sawUnit else { return nil }  // "1h30" is ambiguous
            total += value * 1_000
        }
        return total > 0 ? .milliseconds(total) : nil
    }

    /// `65536`, `64K`, `64KiB`, `16M`, `16MB`, `16MiB`, `1G` (binary multiples); nil if malformed.
    static func byteSize(_ text: String) -> Int? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard let value = Int(digits) else { return nil }
        let unit = text.dropFirst(digits.count).lowercased()
        let multiplier: Int
        switch unit {
        case "", "b": multiplier = 1
        case "k", "kb", "kib": multiplier = 1 << 10
        case "m", "mb", "mib": multiplier = 1 << 20
        case "g", "gb", "gib": multiplier = 1 << 30
        default: return nil
        }
        let (size, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : size
    }
}

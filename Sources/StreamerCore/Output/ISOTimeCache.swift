/// Writes times exactly as `Timestamp.appendISO8601` does, keeping the `YYYY-MM-DDTHH:MM:SS` text of the last two
/// whole seconds it wrote: a stream's `ts` and `recv` each stay within one second for many lines, so most times only
/// need their fraction formatted.
struct ISOTimeCache {
    /// One second's date-and-time text.
    private struct Entry {
        var second: Int64?
        var text: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
    }

    private var entries = (Entry(), Entry())
    /// The entry used last (the other one is replaced on a miss).
    private var recent = 0

    /// The longest date-and-time text kept (years of up to 9 digits; longer ones are formatted each time).
    private static let capacity = 24

    /// Appends `time` in ISO 8601, in double quotes when `quoted` (a JSON string).
    mutating func append(_ time: Timestamp, quoted: Bool, to out: inout LineWriter) {
        let (seconds, fraction) = time.secondsAndFraction
        let slot: Int
        if entries.0.second == seconds {
            slot = 0
        } else if entries.1.second == seconds {
            slot = 1
        } else {
            slot = recent ^ 1
            guard let entry = Self.entry(for: seconds) else {
                var text: [UInt8] = []
                if quoted { text.append(UInt8(ascii: "\"")) }
                time.appendISO8601(to: &text)
                if quoted { text.append(UInt8(ascii: "\"")) }
                text.withUnsafeBytes { out.append($0) }
                return
            }
            if slot == 0 { entries.0 = entry } else { entries.1 = entry }
        }
        recent = slot
        let entry = slot == 0 ? entries.0 : entries.1
        let digits = time.resolution.rawValue
        // Quote + 24 prefix bytes + '.' + 9 digits + 'Z' + quote fit in 40 bytes; written in place, words at once.
        out.write(upTo: 40) { buffer in
            var count = 0
            if quoted {
                buffer[0] = UInt8(ascii: "\"")
                count = 1
            }
            // The whole 24-byte text slot (bytes past `entry.count` are overwritten next or not counted).
            buffer.storeBytes(of: entry.text.0, toByteOffset: count, as: UInt64.self)
            buffer.storeBytes(of: entry.text.1, toByteOffset: count + 8, as: UInt64.self)
            buffer.storeBytes(of: entry.text.2, toByteOffset: count + 16, as: UInt64.self)
            count += entry.count
            if digits > 0 {
                buffer[count] = UInt8(ascii: ".")
                // 0 <= fraction < 10^digits; the last eight digits as one word, then only the `digits` wanted of them.
                let low = UInt32(truncatingIfNeeded: fraction % 100_000_000)
                if digits > 8 {  // nanoseconds: the leading digit, then the other eight
                    count += 1
                    buffer[count] = UInt8(truncatingIfNeeded: fraction / 100_000_000) &+ 0x30
                }
                let kept = min(digits, 8)
                let word = ISOTimeCache.eightDigits(low) >> (8 * UInt64(8 - kept))
                buffer.storeBytes(of: word.littleEndian, toByteOffset: count + 1, as: UInt64.self)
                count += kept + 1
            }
            buffer[count] = UInt8(ascii: "Z")
            count += 1
            if quoted {
                buffer[count] = UInt8(ascii: "\"")
                count += 1
            }
            return count
        }
    }

    /// `value` (below 10^8) as eight ASCII digits with leading zeros, the first digit in the lowest byte: split into
    /// halves of four digits, then pairs, then digits, every lane at once (divisions by 100 and 10 as multiplications
    /// that are exact in these ranges).
    static func eightDigits(_ value: UInt32) -> UInt64 {
        let halves = UInt64(value / 10_000) | UInt64(value % 10_000) << 32  // two lanes below 10^4
        let hundreds = (halves &* 5_243) >> 19 & 0x0000_007F_0000_007F  // each lane / 100
        let pairs = hundreds | (halves &- hundreds &* 100) << 16  // four lanes below 100
        let tens = (pairs &* 103) >> 10 & 0x000F_000F_000F_000F  // each lane / 10
        let digits = tens | (pairs &- tens &* 10) << 8
        return digits | 0x3030_3030_3030_3030
    }

    /// The date-and-time text of `seconds`, or nil when it is too long to keep.
    private static func entry(for seconds: Int64) -> Entry? {
        var text: [UInt8] = []
        Timestamp(seconds, .seconds).appendISO8601(to: &text)
        text.removeLast()  // the 'Z'
        guard text.count <= capacity else { return nil }
        var entry = Entry(second: seconds)
        entry.count = text.count
        withUnsafeMutableBytes(of: &entry.text) { buffer in
            for (index, byte) in text.enumerated() { buffer[index] = byte }
        }
        return entry
    }
}

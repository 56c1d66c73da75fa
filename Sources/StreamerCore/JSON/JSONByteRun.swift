/// Finds the end of a run of bytes that need no attention inside a JSON string, eight bytes at a time (SWAR).
///
/// Reading a string stops at `"`, `\` and control bytes (RFC 8259 §7); writing one also escapes DEL.
/// Bytes of 0x80 and above (UTF-8 sequences) are plain in both.
enum JSONByteRun {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let quotes: UInt64 = 0x2222_2222_2222_2222
    private static let backslashes: UInt64 = 0x5C5C_5C5C_5C5C_5C5C
    private static let deletes: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let spaces: UInt64 = 0x2020_2020_2020_2020

    /// The first index at or after `index` holding `"`, `\` or a byte below 0x20, or `bytes.count`.
    @inline(__always)
    static func plainEnd(_ bytes: UnsafeRawBufferPointer, from index: Int) -> Int {
        end(bytes, from: index, stopAtDelete: false)
    }

    /// Like `plainEnd`, but DEL (0x7F) also ends the run (the bytes `JSONWriter` must escape).
    @inline(__always)
    static func unescapedEnd(_ bytes: UnsafeRawBufferPointer, from index: Int) -> Int {
        end(bytes, from: index, stopAtDelete: true)
    }

    /// Whether any byte of `bytes` is one `JSONWriter` must escape (`"`, `\`, a control byte or DEL); short texts
    /// are checked with two overlapping loads instead of a byte loop.
    @inline(__always)
    static func needsEscaping(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        if count >= 8 {
            var index = 0
            while index < count - 8 {
                if marks(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self), stopAtDelete: true) != 0 {
                    return true
                }
                index += 8
            }
            return marks(bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self), stopAtDelete: true) != 0
        }
        if count >= 4 {
            let low = UInt64(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            let high = UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return marks(low | high << 32, stopAtDelete: true) != 0
        }
        return unescapedEnd(bytes, from: 0) < count
    }

    @inline(__always)
    private static func end(_ bytes: UnsafeRawBufferPointer, from start: Int, stopAtDelete: Bool) -> Int {
        var index = start
        let count = bytes.count
        while index + 8 <= count {
            let found = marks(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self), stopAtDelete: stopAtDelete)
            if found != 0 { return index + found.trailingZeroBitCount >> 3 }
            index += 8
        }
        if index < count {  // the last 1-7 bytes, padded with plain 'A's into one more word
            var padded: UInt64 = 0x4141_4141_4141_4141
            withUnsafeMutableBytes(of: &padded) { word in
                for offset in 0..<(count - index) { word[offset] = bytes[index + offset] }
            }
            let found = marks(padded, stopAtDelete: stopAtDelete)
            if found != 0 { return index + found.trailingZeroBitCount >> 3 }
        }
        return count
    }

    /// The high bit of each byte of `raw` (eight bytes in memory order) that ends a run; the lowest one is exact.
    @inline(__always)
    private static func marks(_ raw: UInt64, stopAtDelete: Bool) -> UInt64 {
        let word = UInt64(littleEndian: raw)
        let quote = word ^ quotes
        let backslash = word ^ backslashes
        // A byte is zero in `v` when `(v - 1) & ~v` sets its high bit; a borrow can only mark bytes above a real
        // match, so the lowest marked byte is always the first match.
        var marks = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- spaces) & ~word)
        if stopAtDelete {
            let delete = word ^ deletes
            marks |= (delete &- ones) & ~delete
        }
        return marks & highs
    }
}

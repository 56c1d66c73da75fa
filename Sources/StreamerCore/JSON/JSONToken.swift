/// Where one JSON value sits in a message: its kind and byte range.
///
/// Strings exclude their quotes.
public struct JSONToken: Equatable, Sendable {
    /// The value's JSON type.
    public enum Kind: Sendable {
        case object, array, string, number, bool, null
    }
    /// The value's JSON type.
    public var kind: Kind
    /// First byte (after the opening quote for strings).
    public var start: Int
    /// One past the last byte (before the closing quote for strings).
    public var end: Int
    /// Whether a string contains backslash escapes, so its bytes are not its value.
    public var hasEscapes: Bool

    /// The raw bytes of the value (string contents without quotes).
    public func bytes(in message: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: message[start..<end])
    }

    /// Whether this is a string (without escapes) equal to `literal`; no allocation.
    @inline(__always)
    public func isString(_ literal: StaticString, in message: UnsafeRawBufferPointer) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard kind == .string, !hasEscapes, end - start == count else { return false }
        return JSONToken.equal(message, at: start, literal, count: count)
    }

    /// Whether `count` bytes of `message` at `offset` equal `literal`, compared a word at a time.
    @inline(__always)
    private static func equal(_ message: UnsafeRawBufferPointer, at offset: Int, _ literal: StaticString, count: Int)
        -> Bool
    {
        guard literal.hasPointerRepresentation else {  // a one-scalar literal
            return literal.withUTF8Buffer { bytes in (0..<count).allSatisfy { message[offset + $0] == bytes[$0] } }
        }
        let expected = UnsafeRawPointer(literal.utf8Start)
        if count >= 8 {  // overlapping 8-byte words cover 8...16 bytes exactly; longer ones loop
            var index = 0
            while index < count - 8 {
                guard
                    message.loadUnaligned(fromByteOffset: offset + index, as: UInt64.self)
                        == expected.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                else { return false }
                index += 8
            }
            return message.loadUnaligned(fromByteOffset: offset + count - 8, as: UInt64.self)
                == expected.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return message.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
                == expected.loadUnaligned(fromByteOffset: 0, as: UInt32.self)
                && message.loadUnaligned(fromByteOffset: offset + count - 4, as: UInt32.self)
                    == expected.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        for index in 0..<count where message[offset + index] != expected.load(fromByteOffset: index, as: UInt8.self) {
            return false
        }
        return true
    }

    /// Whether this is a string with exactly the bytes of `expected`, compared a word at a time (channel names).
    public func isString(_ expected: [UInt8], in message: UnsafeRawBufferPointer) -> Bool {
        guard kind == .string, !hasEscapes, end - start == expected.count else { return false }
        return expected.withUnsafeBytes { expected in
            var offset = 0
            while offset + 8 <= expected.count {
                guard
                    message.loadUnaligned(fromByteOffset: start + offset, as: UInt64.self)
                        == expected.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                else { return false }
                offset += 8
            }
            while offset < expected.count {
                guard message[start + offset] == expected[offset] else { return false }
                offset += 1
            }
            return true
        }
    }

    /// The decoded value of a string token (escapes resolved), or the raw text of any other token.
    public func text(in message: UnsafeRawBufferPointer) -> String {
        guard kind == .string, hasEscapes else { return String(decoding: bytes(in: message), as: UTF8.self) }
        return JSONUnescape.decode(bytes(in: message))
    }

    /// A non-negative or negative integer from a number token or a string of digits; nil otherwise or on overflow.
    public func int64(in message: UnsafeRawBufferPointer) -> Int64? {
        guard kind == .number || (kind == .string && !hasEscapes), end > start else { return nil }
        var index = start
        let negative = message[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < end else { return nil }
        var value: Int64 = 0  // accumulated as a negative number, so Int64.min fits
        if end - index <= 18 {  // at most 18 digits cannot overflow: no checks per digit
            while end - index >= 8 {  // eight digits at a time (a 16-digit microtimestamp in two steps)
                guard let eight = JSONToken.eightDigits(message.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                else { return nil }
                value = value &* 100_000_000 &- Int64(eight)
                index += 8
            }
            while index < end {
                let digit = message[index] &- 0x30
                guard digit < 10 else { return nil }
                value = value &* 10 &- Int64(digit)
                index += 1
            }
        }
        while index < end {
            let digit = message[index] &- 0x30
            guard digit < 10 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.subtractingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            index += 1
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    /// The value of eight ASCII digits loaded from memory in order, or nil when a byte is not a digit.
    ///
    /// A byte is not a digit when `byte - 0x30` or `byte + 0x46` sets its high bit; the digits are then combined in
    /// pairs, fours and eights by three multiplications.
    @inline(__always)
    static func eightDigits(_ raw: UInt64) -> UInt64? {
        let word = UInt64(littleEndian: raw)
        guard ((word &- 0x3030_3030_3030_3030) | (word &+ 0x4646_4646_4646_4646)) & 0x8080_8080_8080_8080 == 0 else {
            return nil
        }
        var digits = word & 0x0F0F_0F0F_0F0F_0F0F
        digits = (digits &* (1 + 10 << 8)) >> 8 & 0x00FF_00FF_00FF_00FF
        digits = (digits &* (1 + 100 << 16)) >> 16 & 0x0000_FFFF_0000_FFFF
        return (digits &* (1 + 10_000 << 32)) >> 32
    }

    /// An exact decimal from a string or number token, if its text is plain decimal.
    public func decimal(in message: UnsafeRawBufferPointer) -> DecimalString? {
        guard kind == .number || (kind == .string && !hasEscapes) else { return nil }
        return DecimalString(bytes: bytes(in: message))
    }

    /// An id as `IDText`: a number's digits or a string's value (never through a Double), without a `String` when
    /// it is short ASCII.
    public func idText(in message: UnsafeRawBufferPointer) -> IDText? {
        switch kind {
        case .number: IDText(bytes: bytes(in: message))
        case .string: hasEscapes ? IDText(text(in: message)) : IDText(bytes: bytes(in: message))
        default: nil
        }
    }

    /// An id as text: a number's digits or a string's value (never through a Double).
    public func identifier(in message: UnsafeRawBufferPointer) -> String? {
        switch kind {
        case .number, .string: text(in: message)
        default: nil
        }
    }
}

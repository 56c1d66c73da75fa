/// An exact decimal number kept as the exchange's own text (`"0.07920000"`); never a `Double`.
///
/// The text is kept inline (no allocation or reference counting) when it is at most 23 bytes, as nearly all are.
public struct DecimalString: Hashable, Sendable, CustomStringConvertible {
    /// The digits exactly as received; always matches `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, so it is a valid JSON number.
    private let digits: CompactText

    /// The digits exactly as received (built on each call: hot paths read `withUTF8`).
    public var text: String { digits.description }

    /// Accepts only plain decimal text (no exponent, no `+`, no leading zeros).
    public init?(_ text: String) {
        var copy = text
        let valid = copy.withUTF8 { DecimalString.isValid(UnsafeRawBufferPointer($0)) }
        guard valid else { return nil }
        self.digits = CompactText(text)
    }

    /// Text the caller has built to the grammar itself (sums, zero); not for input.
    init(trusted text: String) { self.digits = CompactText(text) }

    /// Zero.
    public static let zero = DecimalString(trusted: "0")

    /// Builds from wire bytes after validating them.
    init?(bytes: UnsafeRawBufferPointer) {
        guard DecimalString.isValid(bytes) else { return nil }
        self.digits = CompactText(bytes: bytes)
    }

    /// Lends `body` the digits' ASCII bytes.
    @inline(__always)
    public func withUTF8<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try digits.withUTF8(body) }

    /// Whether `bytes` is `-?(0|[1-9][0-9]*)(\.[0-9]+)?`.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        if index < count && bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        while index < count && bytes[index] &- 0x30 < 10 { index += 1 }
        let integerDigits = index - integerStart
        guard integerDigits > 0 else { return false }
        guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return false }
        if index == count { return true }
        guard bytes[index] == UInt8(ascii: ".") else { return false }
        index += 1
        let fractionStart = index
        while index < count && bytes[index] &- 0x30 < 10 { index += 1 }
        return index == count && index > fractionStart
    }

    public var description: String { digits.description }
}

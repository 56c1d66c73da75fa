extension DecimalString {
    /// Whether both texts spell the same number (`"0.50000000"` and `"0.5"`, `"-0"` and `"0"`), at any precision.
    public func isNumericallyEqual(to other: DecimalString) -> Bool {
        canonicalDigits.elementsEqual(other.canonicalDigits)
    }

    /// The text without trailing fraction zeros, a bare trailing `.` or the sign of a zero; no allocation.
    var canonicalDigits: Substring.UTF8View {
        if isZero { return "0"[...].utf8 }
        let utf8 = text.utf8
        guard utf8.contains(UInt8(ascii: ".")) else { return text[...].utf8 }
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let previous = utf8.index(before: end)
            guard utf8[previous] == UInt8(ascii: "0") else { break }
            end = previous
        }
        if end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: ".") { end = utf8.index(before: end) }
        return text[..<end].utf8
    }
}

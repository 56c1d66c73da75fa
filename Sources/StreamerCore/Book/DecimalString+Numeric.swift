extension DecimalString {
    /// Whether both texts spell the same number (`"0.50000000"` and `"0.5"`, `"-0"` and `"0"`), at any precision.
    public func isNumericallyEqual(to other: DecimalString) -> Bool {
        if isZero || other.isZero { return isZero && other.isZero }
        return withUTF8 { mine in
            other.withUTF8 { theirs in
                let mine = DecimalString.canonical(mine)
                let theirs = DecimalString.canonical(theirs)
                return mine.count == theirs.count && mine.elementsEqual(theirs)
            }
        }
    }

    /// The digits of a non-zero `bytes` without trailing fraction zeros or a bare trailing `.`; no allocation.
    static func canonical(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer.SubSequence {
        guard bytes.contains(UInt8(ascii: ".")) else { return bytes[...] }
        var end = bytes.count
        while end > 0 && bytes[end - 1] == UInt8(ascii: "0") { end -= 1 }
        if end > 0 && bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        return bytes[..<end]
    }
}

extension DecimalString {
    /// Whether the value is zero, however it is spelled: `"0"`, `"0.00000000"`, `"-0.0"`.
    public var isZero: Bool {
        // The grammar guarantees only digits, one optional leading `-` and one optional `.`.
        withUTF8 { $0.allSatisfy { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") } }
    }
}

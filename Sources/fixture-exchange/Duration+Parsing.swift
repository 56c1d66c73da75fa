extension Duration {
    /// Parses `200ms`, `50ms`, `1s` or `1.5s`: a non-negative decimal number and the unit `ms` or `s`.
    init?(parsing text: String) {
        let number: Substring
        let millisecondsPerUnit: Double
        if text.hasSuffix("ms") {
            number = text.dropLast(2)
            millisecondsPerUnit = 1
        } else if text.hasSuffix("s") {
            number = text.dropLast(1)
            millisecondsPerUnit = 1000
        } else {
            return nil
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(number)
        else { return nil }
        self = .milliseconds(value * millisecondsPerUnit)
    }
}

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prints the figures: one line each with its name, value, unit and the command or parameters behind it.
enum Report {
    /// Name column width.
    static let nameWidth = 34

    /// One figure.
    static func figure(_ name: String, _ value: String, _ unit: String, _ how: String) {
        line(pad(name, nameWidth) + " " + padLeft(value, 13) + " " + pad(unit, 9) + "  " + how)
    }

    /// A figure that could not be measured in this build or on this machine.
    static func skipped(_ name: String, _ reason: String) {
        line(pad(name, nameWidth) + " " + padLeft("skipped:", 13) + " " + reason)
    }

    /// A line on stdout, written at once (so figures appear as they are measured).
    static func line(_ text: String) {
        emit(1, text + "\n")
    }

    /// A line on stderr.
    static func note(_ text: String) {
        emit(2, "streamer-bench: " + text + "\n")
    }

    private static func emit(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return write(fd, base + offset, raw.count - offset)
            }
            if count <= 0 { return }
            offset += count
        }
    }

    /// `text` padded with spaces on the right to `width`.
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `text` padded with spaces on the left to `width`.
    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}

/// Number formatting without Foundation (the bench stays small: its memory is the floor under child RSS).
enum Format {
    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    /// A rate or count rounded to an integer and grouped.
    static func grouped(_ value: Double) -> String {
        grouped(Int(value.rounded()))
    }

    /// `value` with exactly `digits` fraction digits.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        return sign + String(whole) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// Kibibytes as MiB with one decimal.
    static func mebibytes(kibibytes: Int) -> String {
        fixed(Double(kibibytes) / 1024, 1)
    }
}

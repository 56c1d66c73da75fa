/// How events are printed (`--format`).
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned columns for people; the default on a terminal.
    case table
    /// One JSON object per line; the default when stdout is not a terminal.
    case jsonl
    /// RFC 4180 CSV with a header row.
    case csv
}

/// How `ts`, `recv` and other times are printed (`--time`).
public enum TimeFormat: String, CaseIterable, Sendable {
    /// UTC ISO 8601 at the exchange's native resolution.
    case iso
    /// Milliseconds since the epoch, a JSON number.
    case ms
    /// Microseconds since the epoch, a JSON number (below 2^53 until the year 2255).
    case us
    /// Nanoseconds since the epoch, a JSON string (it passes 2^53).
    case ns
}

/// How exact decimals are printed in JSON (`--decimals`).
public enum DecimalStyle: String, CaseIterable, Sendable {
    /// A JSON number with the exchange's exact digits.
    case number
    /// A JSON string, for consumers whose JSON parser rounds numbers through a double.
    case string
}

/// Output choices shared by the JSON lines and CSV renderers.
public struct RenderOptions: Equatable, Sendable {
    /// How times are printed.
    public var time: TimeFormat
    /// How decimals are printed in JSON.
    public var decimals: DecimalStyle
    /// The fields to print, in order; nil prints all.
    public var fields: [String]?

    /// Options; the defaults print everything as documented in DESIGN.md §3.
    public init(time: TimeFormat = .iso, decimals: DecimalStyle = .number, fields: [String]? = nil) {
        self.time = time
        self.decimals = decimals
        self.fields = fields
    }
}

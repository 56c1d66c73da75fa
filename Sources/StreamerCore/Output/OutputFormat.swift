/// How events are printed (`--format`).
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned columns for people; the default on a terminal.
    case table
    /// One JSON object per line; the default when stdout is not a terminal.
    case jsonl
    /// RFC 4180 CSV with a header row.
    case csv
}

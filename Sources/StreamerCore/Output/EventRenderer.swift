/// Turns events into output bytes.
///
/// Pure: no I/O; the `OutputSink` writes what it appends.
public protocol EventRenderer {
    /// Appends the line(s) for `event` (and any header due before it) to `out`.
    mutating func render(_ event: MarketEvent, into out: inout [UInt8])
    /// Appends what the end of the output needs (restoring the terminal, for the book ladder).
    mutating func finish(into out: inout [UInt8])
}

extension EventRenderer {
    /// Nothing to add at the end, for most renderers.
    public mutating func finish(into out: inout [UInt8]) {}

    /// The text `render` appends for `event` (tests and diagnostics).
    public mutating func text(for event: MarketEvent) -> String {
        var out: [UInt8] = []
        render(event, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// The live status line (`--stats`): one redrawn stderr line, the progress bar of a stream.
///
/// Pure: the session feeds it counters and times, and writes what `text` returns.
struct StatusLine: Sendable {
    private var lastEvents = 0
    private var lastAt: Int64
    private var rate = 0
    private let startedAt: Int64

    /// A status line for a run that started at `now` (monotonic ns).
    init(now: Int64) {
        startedAt = now
        lastAt = now
    }

    /// The line for the counters at `now`: events, events/s (over the last update), elapsed, reconnects, age of the
    /// last message, bytes written.
    mutating func text(now: Int64, events: Int, reconnects: Int, lastMessageAge: Int64?, bytes: Int) -> String {
        let interval = now - lastAt
        if interval >= 250_000_000 {
            rate = Int(Int64(events - lastEvents) * 1_000_000_000 / interval)
            lastEvents = events
            lastAt = now
        }
        let age = lastMessageAge.map { Self.duration($0) } ?? "-"
        return "\(events) events  \(rate)/s  \(Self.duration(now - startedAt)) elapsed  \(reconnects) reconnects  "
            + "last message \(age) ago  \(Self.bytes(bytes)) written"
    }

    /// `1h02m03s`, `4m05s`, `6.7s`.
    static func duration(_ nanoseconds: Int64) -> String {
        let tenths = max(0, nanoseconds) / 100_000_000
        let seconds = tenths / 10
        if seconds >= 3600 { return "\(seconds / 3600)h\(pad(seconds / 60 % 60))m\(pad(seconds % 60))s" }
        if seconds >= 60 { return "\(seconds / 60)m\(pad(seconds % 60))s" }
        return "\(seconds).\(tenths % 10)s"
    }

    /// `512 B`, `1.5 KiB`, `12.0 MiB`, `3.2 GiB`.
    static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = count * 10
        var unit = 0
        while value >= 10_240 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : "\(value / 10).\(value % 10) \(units[unit])"
    }

    private static func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

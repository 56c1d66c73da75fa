/// One command-line option: its spellings, whether it takes a value, and its help line.
struct OptionSpec: Sendable {
    /// `--format`.
    let long: String
    /// `-f`, if any.
    let short: String?
    /// The value's placeholder in help (`FORMAT`), or nil for a flag.
    let valueName: String?
    /// One line for `--help`.
    let help: String

    /// Every option this version accepts, in help order.
    static let all: [OptionSpec] = [
        OptionSpec(
            long: "--format", short: "-f", valueName: "FORMAT",
            help: "table, jsonl or csv (default: table on a terminal, else jsonl)"),
        OptionSpec(long: "--count", short: "-n", valueName: "N", help: "stop after N events (exit 0)"),
        OptionSpec(
            long: "--duration", short: "-d", valueName: "TIME",
            help: "stop after TIME, e.g. 90s, 10m, 2h, 1h30m (exit 0)"),
        OptionSpec(
            long: "--depth", short: nil, valueName: "N",
            help: "book levels per side to print (book: 10, book-top100/l3: all)"),
        OptionSpec(
            long: "--throttle", short: nil, valueName: "TIME",
            help: "print a book at most once per TIME, e.g. 250ms (default: every change)"),
        OptionSpec(
            long: "--verify", short: nil, valueName: nil,
            help: "cross-check the local book against the exchange's top 100; resync on mismatch"),
        OptionSpec(
            long: "--interval", short: nil, valueName: "TIME",
            help: "candle length: 1m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d (default 1m)"),
        OptionSpec(
            long: "--limit", short: nil, valueName: "N", help: "get trades/candles: at most N, the newest (default 100)"
        ),
        OptionSpec(
            long: "--output", short: "-o", valueName: "FILE",
            help: "append to FILE instead of stdout; strftime patterns rotate (trades-%Y%m%d.csv), {type} splits types"),
        OptionSpec(
            long: "--fields", short: nil, valueName: "LIST",
            help: "print only these fields, in this order (jsonl and csv), e.g. ts,price,amount"),
        OptionSpec(
            long: "--time", short: nil, valueName: "FORMAT",
            help: "ts/recv as iso (default), ms or us (numbers), or ns (a string: it passes 2^53)"),
        OptionSpec(
            long: "--decimals", short: nil, valueName: "AS",
            help: "prices and sizes as number (exact digits, default) or string (for parsers that round)"),
        OptionSpec(
            long: "--record", short: nil, valueName: "FILE",
            help: "also write every raw message received, with its time, to FILE (JSON lines) for 'streamer replay'"),
        OptionSpec(
            long: "--speed", short: nil, valueName: "X",
            help: "replay: 1 (real time, default), 10, or max"),
        OptionSpec(
            long: "--stats", short: nil, valueName: nil,
            help: "a live status line on stderr (default when writing to a file from a terminal)"),
        OptionSpec(
            long: "--no-reconnect", short: nil, valueName: nil,
            help: "exit (69) when the connection is lost instead of reconnecting"),
        OptionSpec(
            long: "--max-retries", short: nil, valueName: "N",
            help: "reconnect at most N times in a row, then exit 69 (default: no limit)"),
        OptionSpec(
            long: "--idle-timeout", short: nil, valueName: "TIME",
            help: "a connection silent this long, pings unanswered, is dead (default 30s)"),
        OptionSpec(
            long: "--heartbeat", short: nil, valueName: "TIME",
            help: "send the exchange's heartbeat every TIME (default 15s; -v shows round trips)"),
        OptionSpec(
            long: "--endpoint", short: nil, valueName: "URL",
            help: "connect to URL (ws:// or wss://) instead of the exchange"),
        OptionSpec(
            long: "--rest-endpoint", short: nil, valueName: "URL",
            help: "REST origin for snapshots and market lists (default: the exchange's, or --endpoint's host)"),
        OptionSpec(
            long: "--no-validate", short: nil, valueName: nil,
            help: "do not check markets against the exchange's market list"),
        OptionSpec(
            long: "--credentials", short: nil, valueName: "FILE",
            help: "API key and secret for private channels (NAME=value lines, mode 0600)"),
        OptionSpec(
            long: "--cacert", short: nil, valueName: "FILE", help: "also trust the CA certificates in FILE (PEM)"),
        OptionSpec(
            long: "--insecure", short: nil, valueName: nil,
            help: "do not verify TLS certificates (dangerous; warns on stderr)"),
        OptionSpec(
            long: "--max-message-size", short: nil, valueName: "SIZE",
            help: "largest WebSocket message accepted (default 16MiB)"),
        OptionSpec(
            long: "--color", short: nil, valueName: "WHEN",
            help: "colour the table: auto, always or never (NO_COLOR is honoured)"),
        OptionSpec(long: "--verbose", short: "-v", valueName: nil, help: "explain what happens on stderr"),
        OptionSpec(long: "--quiet", short: "-q", valueName: nil, help: "only errors on stderr"),
        OptionSpec(long: "--help", short: "-h", valueName: nil, help: "show this help"),
        OptionSpec(long: "--version", short: "-V", valueName: nil, help: "show the version"),
    ]

    /// The option spelled `token` (long or short), if any.
    static func named(_ token: String) -> OptionSpec? {
        all.first { $0.long == token || $0.short == token }
    }
}

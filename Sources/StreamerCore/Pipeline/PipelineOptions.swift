/// How derived streams behave: book depth and throttling, verification, candle interval.
public struct PipelineOptions: Equatable, Sendable {
    /// Levels per side printed for `book` (`--depth`, default 10).
    public var depth: Int
    /// Levels per side kept of exchange snapshots (`book-top100`, `book-l3`); nil keeps them whole.
    public var snapshotDepth: Int?
    /// Minimum time between two printed books of one market (`--throttle`); nil prints every change.
    public var throttle: Duration?
    /// Cross-check local books against the exchange's top-100 snapshots (`--verify`).
    public var verify: Bool
    /// Candle length (`--interval`).
    public var interval: CandleInterval

    /// Options with the documented defaults.
    public init(
        depth: Int = 10, snapshotDepth: Int? = nil, throttle: Duration? = nil, verify: Bool = false,
        interval: CandleInterval = .oneMinute
    ) {
        self.depth = depth
        self.snapshotDepth = snapshotDepth
        self.throttle = throttle
        self.verify = verify
        self.interval = interval
    }
}

/// Something the session must do or say on the pipeline's behalf.
public enum PipelineAction: Equatable, Sendable {
    /// Fetch a fresh book snapshot for `market` and hand it to `bookSnapshot`.
    case requestSnapshot(Market)
    /// Tell the user (stderr).
    case warning(String)
    /// Tell the user with `--verbose`.
    case note(String)
}

extension Timestamp {
    /// This time in microseconds since the epoch, whatever its resolution.
    var microseconds: Int64 {
        switch resolution {
        case .seconds: value.multipliedReportingOverflow(by: 1_000_000).partialValue
        case .milliseconds: value.multipliedReportingOverflow(by: 1_000).partialValue
        case .microseconds: value
        case .nanoseconds: value / 1_000
        }
    }
}

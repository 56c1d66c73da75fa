/// Everything a streaming run needs, resolved from the invocation: what, where, how to print, when to stop.
public struct StreamPlan: Sendable {
    /// The exchange.
    public var exchange: ExchangeID
    /// Channel × market pairs, in command-line order.
    public var subscriptions: [Subscription]
    /// Where to connect.
    public var connector: WebSocketConnector
    /// Stop after this many events.
    public var count: Int?
    /// Stop after this long.
    public var duration: Duration?
    /// Whether gap records go to stdout (JSON lines) or to stderr (table, CSV).
    public var gapsOnStdout: Bool
    /// Derived streams: depth, throttle, verification, candle interval.
    public var pipeline = PipelineOptions()
    /// Warnings worth showing only once the connection works (for example the market list could not be fetched: if the
    /// WebSocket fails the same way, its error says it all).
    public var warningsAfterConnect: [String] = []
    /// Markets to check over the socket before subscribing (Bitvavo), if any.
    public var socketMarketCheck: SocketMarketCheck?
    /// Reconnect with backoff after a lost connection (`--no-reconnect`, `--max-retries`).
    public var reconnect = ReconnectPolicy()
    /// A connection silent this long (no data, no pong) is dead (`--idle-timeout`).
    public var idleTimeout: Duration = .seconds(30)
    /// Show the live status line on stderr.
    public var showStatus = false
    /// How often to send the exchange's application heartbeat (and report its round trip with `--verbose`).
    public var heartbeatInterval: Duration = .seconds(15)

    /// A plan with every field.
    public init(
        exchange: ExchangeID, subscriptions: [Subscription], connector: WebSocketConnector, count: Int?,
        duration: Duration?, gapsOnStdout: Bool
    ) {
        self.exchange = exchange
        self.subscriptions = subscriptions
        self.connector = connector
        self.count = count
        self.duration = duration
        self.gapsOnStdout = gapsOnStdout
    }
}

/// Why a run ended without an error.
public enum StopReason: Equatable, Sendable {
    /// `--count` events were printed.
    case countReached
    /// `--duration` elapsed.
    case durationElapsed
    /// The server closed the connection normally (1000/1001 or no code).
    case serverClosed
    /// SIGINT or SIGTERM arrived; output was flushed and Close 1000 sent.
    case signal(Int32)
}

/// A validated command line: what to do, with every option checked (the parser's only output).
public struct Invocation: Equatable, Sendable {
    /// What the user asked for.
    public enum Command: Equatable, Sendable {
        /// Stream channels from an exchange.
        case stream(StreamRequest)
        /// Print help.
        case help
        /// Print the version.
        case version
        /// List the exchanges.
        case exchanges
        /// List an exchange's channels.
        case channels(ExchangeID)
    }

    /// What to do.
    public var command: Command
}

/// When to colour table output (`--color`).
public enum ColorMode: String, CaseIterable, Sendable {
    case auto, always, never
}

/// A validated streaming request.
public struct StreamRequest: Equatable, Sendable {
    public var exchange: ExchangeID
    public var channels: [Channel]
    public var markets: [Market]
    /// nil: table on a terminal, JSON lines otherwise.
    public var format: OutputFormat?
    public var count: Int?
    public var duration: Duration?
    public var endpoint: WebSocketURL?
    public var tls = TLSOptions()
    public var maxMessageSize = 16 << 20
    public var color = ColorMode.auto
    public var verbose = false
    public var quiet = false

    /// Every channel × market pair, channels first (one subscription each).
    public var subscriptions: [Subscription] {
        channels.flatMap { channel in markets.map { Subscription(channel: channel, market: $0) } }
    }

    /// A request with defaults for every option.
    public init(exchange: ExchangeID, channels: [Channel], markets: [Market]) {
        self.exchange = exchange
        self.channels = channels
        self.markets = markets
    }
}

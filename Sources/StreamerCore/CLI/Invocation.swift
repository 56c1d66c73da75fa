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
        /// A one-shot query (`streamer <exchange> get <what> [market]`).
        case query(QueryRequest)
        /// Re-run a recording offline (`streamer replay FILE`).
        case replay(ReplayRequest)
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
    public var restEndpoint: HTTPURL?
    /// nil: the channel's default (book 10; book-top100 and book-l3 everything the exchange sends).
    public var depth: Int?
    public var throttle: Duration?
    public var verify = false
    public var interval = CandleInterval.oneMinute
    public var validateMarkets = true
    public var heartbeat: Duration = .seconds(15)
    public var reconnect = true
    public var maxRetries: Int?
    public var idleTimeout: Duration = .seconds(30)
    /// `-o FILE`: an output path pattern (strftime fields, `{type}`); nil writes to stdout.
    public var output: String?
    public var render = RenderOptions()
    /// `--record FILE`: raw messages with their receive times, for `streamer replay`.
    public var record: String?
    public var stats = false
    /// `--credentials FILE`: API credentials for private channels (else the environment).
    public var credentialsFile: String?
    public var tls = TLSOptions()
    public var maxMessageSize = 16 << 20
    public var color = ColorMode.auto
    public var verbose = false
    public var quiet = false

    /// Every channel × market pair, channels first (one subscription each); account-wide channels once, without
    /// a market.
    public var subscriptions: [Subscription] {
        channels.flatMap { channel in
            channel.isAccountWide
                ? [Subscription(channel: channel, market: .accountWide)]
                : markets.map { Subscription(channel: channel, market: $0) }
        }
    }

    /// A request with defaults for every option.
    public init(exchange: ExchangeID, channels: [Channel], markets: [Market]) {
        self.exchange = exchange
        self.channels = channels
        self.markets = markets
    }
}

/// What `get` can fetch.
public enum QueryKind: String, CaseIterable, Sendable {
    case markets, assets, time, ticker
    case tickerBook = "ticker-book"
    case ticker24h, book, trades, candles

    /// The queries `exchange` answers (Bitstamp over REST v2, Bitvavo over WebSocket actions).
    public static func available(on exchange: ExchangeID) -> [QueryKind] {
        switch exchange {
        case .bitstamp: [.markets, .ticker, .book, .trades, .candles]
        case .bitvavo: allCases
        }
    }

    /// Whether the query must name a market (`false`: optional or none).
    public func needsMarket(on exchange: ExchangeID) -> Bool {
        switch self {
        case .markets, .assets, .time: false
        case .ticker, .tickerBook, .ticker24h: exchange == .bitstamp  // Bitvavo answers for every market
        case .book, .trades, .candles: true
        }
    }

    /// Whether the query may name a market at all.
    public var takesMarket: Bool { self != .assets && self != .time && self != .markets }
}

/// A validated one-shot query.
public struct QueryRequest: Equatable, Sendable {
    public var exchange: ExchangeID
    public var kind: QueryKind
    public var market: Market?
    public var format: OutputFormat?
    public var depth: Int?
    public var limit = 100
    public var interval = CandleInterval.oneMinute
    public var restEndpoint: HTTPURL?
    /// The WebSocket endpoint, for exchanges queried over the socket (Bitvavo).
    public var endpoint: WebSocketURL?
    public var tls = TLSOptions()
    public var color = ColorMode.auto
    public var verbose = false

    /// A query with defaults for every option.
    public init(exchange: ExchangeID, kind: QueryKind, market: Market?) {
        self.exchange = exchange
        self.kind = kind
        self.market = market
    }
}

/// How fast a recording is replayed (`--speed`).
public enum ReplaySpeed: Equatable, Sendable {
    /// Real time multiplied by this factor (1 = as recorded).
    case factor(Int)
    /// As fast as possible.
    case max
}

/// A validated `replay` command.
public struct ReplayRequest: Equatable, Sendable {
    /// The recording.
    public var path: String
    public var speed = ReplaySpeed.factor(1)
    public var format: OutputFormat?
    public var output: String?
    public var render = RenderOptions()
    public var count: Int?
    public var color = ColorMode.auto
    public var verbose = false
    public var quiet = false

    /// A replay of `path` with default options.
    public init(path: String) { self.path = path }
}

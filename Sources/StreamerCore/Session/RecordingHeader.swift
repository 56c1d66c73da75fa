/// The first line of a recording: what was streamed and how, enough to rebuild the same adapter and pipeline offline.
///
/// Built only from these explicit fields, never from the request or the environment as a whole, so a recording
/// cannot carry credentials; the endpoint keeps no query string.
///
///     {"streamer_recording":1,"exchange":"bitstamp","subscriptions":[{"channel":"book","market":"BTC-USD"}],
///      "interval":"1m","depth":5,"throttle_us":null,"verify":false,"endpoint":"wss://ws.bitstamp.net/"}
public struct RecordingHeader: Equatable, Sendable {
    /// The format version this build writes and reads (`"streamer_recording"`).
    public static let version = 1

    /// The exchange.
    public var exchange: ExchangeID
    /// Channel × market pairs, in command-line order.
    public var subscriptions: [Subscription]
    /// `--interval`.
    public var interval: CandleInterval
    /// `--depth` as given; nil for each channel's default.
    public var depth: Int?
    /// `--throttle`.
    public var throttle: Duration?
    /// `--verify`.
    public var verify: Bool
    /// Where the stream came from (informational): scheme, host, port and path.
    public var endpoint: String?

    /// A header with every field.
    public init(
        exchange: ExchangeID, subscriptions: [Subscription], interval: CandleInterval, depth: Int?,
        throttle: Duration?, verify: Bool, endpoint: String?
    ) {
        self.exchange = exchange
        self.subscriptions = subscriptions
        self.interval = interval
        self.depth = depth
        self.throttle = throttle
        self.verify = verify
        self.endpoint = endpoint
    }

    /// `url` without its query string (which is where a token would travel).
    public static func endpointText(_ url: WebSocketURL) -> String {
        let path = url.path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "/"
        return "\(url.secure ? "wss" : "ws")://\(url.hostHeader)\(path)"
    }

    /// The pipeline options of the live run (`Streamer.stream` derives them the same way).
    public var pipelineOptions: PipelineOptions {
        PipelineOptions(
            depth: depth ?? 10, snapshotDepth: depth, throttle: throttle, verify: verify, interval: interval)
    }

    /// Appends the header as one JSON line.
    public func append(to out: inout [UInt8]) {
        JSONWriter.appendRaw("{", to: &out)
        JSONWriter.appendKey("streamer_recording", to: &out)
        JSONWriter.appendRaw("\(Self.version),", to: &out)
        JSONWriter.appendKey("exchange", to: &out)
        JSONWriter.appendString(exchange.name, to: &out)
        JSONWriter.appendRaw(",", to: &out)
        JSONWriter.appendKey("subscriptions", to: &out)
        JSONWriter.appendRaw("[", to: &out)
        for (index, subscription) in subscriptions.enumerated() {
            JSONWriter.appendRaw(index == 0 ? "{" : ",{", to: &out)
            JSONWriter.appendKey("channel", to: &out)
            JSONWriter.appendString(subscription.channel.name, to: &out)
            JSONWriter.appendRaw(",", to: &out)
            JSONWriter.appendKey("market", to: &out)
            JSONWriter.appendString(subscription.market.symbol, to: &out)
            JSONWriter.appendRaw("}", to: &out)
        }
        JSONWriter.appendRaw("],", to: &out)
        JSONWriter.appendKey("interval", to: &out)
        JSONWriter.appendString(interval.name, to: &out)
        JSONWriter.appendRaw(",", to: &out)
        JSONWriter.appendKey("depth", to: &out)
        JSONWriter.appendRaw((depth.map(String.init) ?? "null") + ",", to: &out)
        JSONWriter.appendKey("throttle_us", to: &out)
        JSONWriter.appendRaw((throttle.map { String(Self.microseconds($0)) } ?? "null") + ",", to: &out)
        JSONWriter.appendKey("verify", to: &out)
        JSONWriter.appendRaw(verify ? "true" : "false", to: &out)
        if let endpoint {
            JSONWriter.appendRaw(",", to: &out)
            JSONWriter.appendKey("endpoint", to: &out)
            JSONWriter.appendString(endpoint, to: &out)
        }
        JSONWriter.appendRaw("}\n", to: &out)
    }

    /// Parses a header line (without its LF); unknown keys are ignored.
    public static func parse(_ line: [UInt8]) throws(RecordingError.Problem) -> RecordingHeader {
        try RecordingLine.parse(line) { (fields) throws(RecordingError.Problem) in
            guard fields.has("streamer_recording") else { throw .notARecording }
            let version = try fields.integer("streamer_recording")
            guard version == Int64(Self.version) else { throw .unsupportedVersion(version) }
            let name = try fields.string("exchange")
            guard let exchange = ExchangeID(rawValue: name) else { throw .malformed("unknown exchange '\(name)'") }
            var subscriptions: [Subscription] = []
            for entry in try fields.objects("subscriptions") {
                let channelName = try entry.string("channel")
                guard let channel = Channel(rawValue: channelName), exchange.streamableChannels.contains(channel) else {
                    throw .malformed("\(exchange.name) has no '\(channelName)' channel")
                }
                let symbol = try entry.string("market")
                guard let market = Market.parse(symbol) else { throw .malformed("invalid market '\(symbol)'") }
                subscriptions.append(Subscription(channel: channel, market: market))
            }
            guard !subscriptions.isEmpty else { throw .malformed("no subscriptions") }
            let intervalName = try fields.string("interval")
            guard let interval = CandleInterval.named(intervalName) else {
                throw .malformed("unknown interval '\(intervalName)'")
            }
            let depth = try fields.optionalInteger("depth")
            if let depth, !(1...1000).contains(depth) { throw .malformed("\"depth\" must be from 1 to 1000") }
            let throttle = try fields.optionalInteger("throttle_us")
            if let throttle, throttle <= 0 { throw .malformed("\"throttle_us\" must be positive") }
            return RecordingHeader(
                exchange: exchange, subscriptions: subscriptions, interval: interval, depth: depth.map { Int($0) },
                throttle: throttle.map { .microseconds($0) }, verify: try fields.flag("verify"),
                endpoint: fields.isNull("endpoint") ? nil : try fields.string("endpoint"))
        }
    }

    /// Whole microseconds of `duration`.
    static func microseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
    }
}

extension Invocation {
    /// Words that are commands rather than exchanges.
    static let commandWords = ["exchanges", "channels", "help", "version", "replay"]

    /// Parses `arguments` (without the program name) into a validated invocation.
    ///
    /// Pure: no I/O.
    public static func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
        var values: [String: String] = [:]
        var flags: Set<String> = []
        var positionals: [String] = []
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let token = arguments[index]
            index += 1
            if optionsEnded || !token.hasPrefix("-") || token == "-" {
                positionals.append(token)
                continue
            }
            if token == "--" {
                optionsEnded = true
                continue
            }
            var name = token
            var inlineValue: String?
            if token.hasPrefix("--"), let equals = token.firstIndex(of: "=") {
                name = String(token[..<equals])
                inlineValue = String(token[token.index(after: equals)...])
            }
            guard let spec = OptionSpec.named(name) else {
                let candidates = OptionSpec.all.map(\.long)
                throw .unknownOption(name, suggestion: Suggestion.closest(to: name, among: candidates))
            }
            if spec.valueName == nil {
                guard inlineValue == nil else { throw .unexpectedValue(option: spec.long) }
                flags.insert(spec.long)
                continue
            }
            if let inlineValue {
                values[spec.long] = inlineValue
            } else {
                guard index < arguments.count else { throw .missingValue(option: spec.long) }
                values[spec.long] = arguments[index]
                index += 1
            }
        }
        if flags.contains("--help") { return Invocation(command: .help) }
        if flags.contains("--version") { return Invocation(command: .version) }
        return try command(positionals: positionals, values: values, flags: flags)
    }

    private static func command(positionals: [String], values: [String: String], flags: Set<String>) throws(UsageError)
        -> Invocation
    {
        guard let first = positionals.first else { return Invocation(command: .help) }
        switch first.lowercased() {
        case "help": return Invocation(command: .help)
        case "version": return Invocation(command: .version)
        case "exchanges":
            if positionals.count > 1 { throw .unexpectedArgument(positionals[1]) }
            return Invocation(command: .exchanges)
        case "replay":
            guard positionals.count >= 2 else {
                throw .missingArgument("recording after 'replay' (a file written with --record)")
            }
            if positionals.count > 2 { throw .unexpectedArgument(positionals[2]) }
            return Invocation(command: .replay(try replay(positionals[1], values: values, flags: flags)))
        case "channels":
            guard positionals.count >= 2 else {
                throw .missingArgument("exchange after 'channels' (e.g. 'streamer channels bitstamp')")
            }
            if positionals.count > 2 { throw .unexpectedArgument(positionals[2]) }
            return Invocation(command: .channels(try exchange(positionals[1])))
        default:
            break
        }
        let exchange = try exchange(first)
        if positionals.count >= 2 && positionals[1].lowercased() == "get" {
            return Invocation(
                command: .query(
                    try query(exchange, positionals: Array(positionals.dropFirst(2)), values: values, flags: flags)))
        }
        guard positionals.count >= 2 else {
            throw .missingArgument("channel after '\(exchange.name)' (see 'streamer channels \(exchange.name)')")
        }
        let channels = try channels(positionals[1], on: exchange)
        guard positionals.count >= 3 else {
            throw .missingArgument(
                "market after '\(positionals[1])' (e.g. '\(exchange == .bitstamp ? "btcusd" : "BTC-EUR")')")
        }
        var markets: [Market] = []
        for text in positionals[2...] {
            guard let market = Market.parse(text), !(market.isPerpetual && exchange != .bitstamp) else {
                throw .invalidMarket(text, exchange: exchange)
            }
            if !markets.contains(market) { markets.append(market) }
        }
        var request = StreamRequest(exchange: exchange, channels: channels, markets: markets)
        try applyOptions(values: values, flags: flags, to: &request)
        return Invocation(command: .stream(request))
    }

    /// `get <what> [market]` with the options that apply to one-shot queries.
    private static func query(
        _ exchange: ExchangeID, positionals: [String], values: [String: String], flags: Set<String>
    )
        throws(UsageError) -> QueryRequest
    {
        let names = QueryKind.available(on: exchange).map(\.rawValue)
        guard let word = positionals.first else {
            throw .missingArgument("what to get: " + names.joined(separator: ", "))
        }
        guard let kind = QueryKind(rawValue: word.lowercased()), names.contains(kind.rawValue) else {
            throw .unknownQuery(word, exchange: exchange, suggestion: Suggestion.closest(to: word, among: names))
        }
        var market: Market?
        if positionals.count >= 2 && kind.takesMarket {
            guard let parsed = Market.parse(positionals[1]), !(parsed.isPerpetual && exchange != .bitstamp) else {
                throw .invalidMarket(positionals[1], exchange: exchange)
            }
            market = parsed
        } else if kind.needsMarket(on: exchange) {
            let example = exchange == .bitstamp ? "btcusd" : "BTC-EUR"
            throw .missingArgument("market after 'get \(kind.rawValue)' (e.g. '\(example)')")
        }
        let used = market == nil ? 1 : 2
        if positionals.count > used { throw .unexpectedArgument(positionals[used]) }
        var request = QueryRequest(exchange: exchange, kind: kind, market: market)
        var stream = StreamRequest(exchange: exchange, channels: [], markets: [])
        try applyOptions(values: values, flags: flags, to: &stream)
        request.format = stream.format
        request.depth = stream.depth
        request.interval = stream.interval
        request.restEndpoint = stream.restEndpoint ?? stream.endpoint.map(HTTPURL.init(origin:))
        request.endpoint = stream.endpoint
        request.tls = stream.tls
        request.color = stream.color
        request.verbose = stream.verbose
        if let text = values["--limit"] {
            guard let limit = Int(text), (1...1000).contains(limit) else {
                throw .invalidValue(option: "--limit", value: text, expected: "a number from 1 to 1000")
            }
            request.limit = limit
        }
        return request
    }

    /// `replay FILE` with the output options that apply offline.
    private static func replay(_ path: String, values: [String: String], flags: Set<String>) throws(UsageError)
        -> ReplayRequest
    {
        var request = ReplayRequest(path: path)
        var stream = StreamRequest(exchange: .bitstamp, channels: [], markets: [])
        try applyOptions(values: values, flags: flags, to: &stream)
        request.format = stream.format
        request.output = stream.output
        request.render = stream.render
        request.count = stream.count
        request.color = stream.color
        request.verbose = stream.verbose
        request.quiet = stream.quiet
        if let text = values["--speed"] {
            if text.lowercased() == "max" {
                request.speed = .max
            } else if let factor = Int(text.hasSuffix("x") ? String(text.dropLast()) : text), factor >= 1 {
                request.speed = .factor(factor)
            } else {
                throw .invalidValue(option: "--speed", value: text, expected: "1, 10 (times real time) or max")
            }
        }
        return request
    }

    private static func exchange(_ word: String) throws(UsageError) -> ExchangeID {
        if let exchange = ExchangeID(rawValue: word.lowercased()) { return exchange }
        let names = ExchangeID.allCases.map(\.name)
        throw .unknownExchange(word, suggestion: Suggestion.closest(to: word, among: names + commandWords))
    }

    /// `trades` or `trades,book`; aliases accepted; each must be streamable from `exchange`.
    private static func channels(_ list: String, on exchange: ExchangeID) throws(UsageError) -> [Channel] {
        var channels: [Channel] = []
        for word in list.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            guard let channel = Channel.named(word) else {
                let words = Channel.allCases.flatMap { [$0.name] + $0.aliases }
                let guess = Suggestion.closest(to: word, among: words).flatMap(Channel.named)?.name
                throw .unknownChannel(word, exchange: exchange, suggestion: guess)
            }
            guard exchange.streamableChannels.contains(channel) else {
                let available = exchange.streamableChannels.map(\.name)
                let hint =
                    available.isEmpty
                    ? "this version streams nothing from \(exchange.name) yet"
                    : "available: " + available.joined(separator: ", ")
                throw .channelNotOnExchange(channel, exchange: exchange, hint: hint)
            }
            if !channels.contains(channel) { channels.append(channel) }
        }
        return channels
    }

    private static func applyOptions(values: [String: String], flags: Set<String>, to request: inout StreamRequest)
        throws(UsageError)
    {
        if let text = values["--format"] {
            guard let format = OutputFormat(rawValue: text.lowercased()) else {
                throw .invalidValue(option: "--format", value: text, expected: "table, jsonl or csv")
            }
            request.format = format
        }
        if let text = values["--count"] {
            guard let count = Int(text), count > 0 else {
                throw .invalidValue(option: "--count", value: text, expected: "a positive whole number")
            }
            request.count = count
        }
        if let text = values["--duration"] {
            guard let duration = ValueParsers.duration(text) else {
                throw .invalidValue(option: "--duration", value: text, expected: "a time like 90s, 10m, 2h or 1h30m")
            }
            request.duration = duration
        }
        if let text = values["--endpoint"] {
            guard let url = WebSocketURL(text) else {
                throw .invalidValue(option: "--endpoint", value: text, expected: "a ws:// or wss:// URL")
            }
            request.endpoint = url
        }
        if let text = values["--depth"] {
            guard let depth = Int(text), (1...1000).contains(depth) else {
                throw .invalidValue(option: "--depth", value: text, expected: "a number of levels from 1 to 1000")
            }
            request.depth = depth
        }
        if let text = values["--throttle"] {
            guard let throttle = ValueParsers.duration(text) else {
                throw .invalidValue(option: "--throttle", value: text, expected: "a time like 250ms or 1s")
            }
            request.throttle = throttle
        }
        if let text = values["--heartbeat"] {
            guard let interval = ValueParsers.duration(text), interval >= .milliseconds(100) else {
                throw .invalidValue(option: "--heartbeat", value: text, expected: "a time of at least 100ms, e.g. 15s")
            }
            request.heartbeat = interval
        }
        if let text = values["--max-retries"] {
            guard let retries = Int(text), retries >= 0 else {
                throw .invalidValue(option: "--max-retries", value: text, expected: "a whole number, 0 or more")
            }
            request.maxRetries = retries
        }
        if let text = values["--idle-timeout"] {
            guard let timeout = ValueParsers.duration(text), timeout >= .milliseconds(300) else {
                throw .invalidValue(
                    option: "--idle-timeout", value: text, expected: "a time of at least 300ms, e.g. 30s")
            }
            request.idleTimeout = timeout
        }
        if let text = values["--time"] {
            guard let format = TimeFormat(rawValue: text.lowercased()) else {
                throw .invalidValue(option: "--time", value: text, expected: "iso, ms, us or ns")
            }
            request.render.time = format
        }
        if let text = values["--decimals"] {
            guard let style = DecimalStyle(rawValue: text.lowercased()) else {
                throw .invalidValue(option: "--decimals", value: text, expected: "number or string")
            }
            request.render.decimals = style
        }
        if let text = values["--fields"] {
            let fields = text.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
            guard !fields.isEmpty else {
                throw .invalidValue(option: "--fields", value: text, expected: "field names, e.g. ts,price")
            }
            request.render.fields = fields
        }
        if let text = values["--output"] {
            guard !text.isEmpty else { throw .invalidValue(option: "--output", value: text, expected: "a file path") }
            request.output = text
        }
        request.record = values["--record"]
        request.stats = flags.contains("--stats")
        request.reconnect = !flags.contains("--no-reconnect")
        if !request.reconnect && request.maxRetries != nil {
            throw .conflictingOptions("--no-reconnect", "--max-retries")
        }
        if let text = values["--interval"] {
            guard let interval = CandleInterval.named(text) else {
                throw .invalidValue(
                    option: "--interval", value: text, expected: CandleInterval.all.map(\.name).joined(separator: ", "))
            }
            request.interval = interval
        }
        if let text = values["--rest-endpoint"] {
            guard let url = HTTPURL(text) else {
                throw .invalidValue(option: "--rest-endpoint", value: text, expected: "an http:// or https:// URL")
            }
            request.restEndpoint = url
        }
        request.verify = flags.contains("--verify")
        request.validateMarkets = !flags.contains("--no-validate")
        if request.verify && !request.channels.isEmpty && !request.channels.contains(.book) {
            throw .optionNeedsChannel(option: "--verify", channel: .book)
        }
        if let text = values["--max-message-size"] {
            guard let size = ValueParsers.byteSize(text), (1 << 10...1 << 30).contains(size) else {
                throw .invalidValue(
                    option: "--max-message-size", value: text, expected: "a size from 1KiB to 1GiB, e.g. 16MiB")
            }
            request.maxMessageSize = size
        }
        if let text = values["--color"] {
            guard let mode = ColorMode(rawValue: text.lowercased()) else {
                throw .invalidValue(option: "--color", value: text, expected: "auto, always or never")
            }
            request.color = mode
        }
        request.tls = TLSOptions(extraCAFile: values["--cacert"], insecure: flags.contains("--insecure"))
        if request.tls.insecure && request.tls.extraCAFile != nil {
            throw .conflictingOptions("--insecure", "--cacert")
        }
        let kinds = Array(Set(request.channels.map(\.printedKind))).sorted { $0.rawValue < $1.rawValue }
        if request.format == .csv && kinds.count > 1 && !(request.output?.contains("{type}") ?? false) {
            throw .csvNeedsOneType(request.channels.map(\.name))
        }
        if let fields = request.render.fields, !kinds.isEmpty {
            let unknown = FieldNames.unknown(fields, for: kinds + [.gap])
            if let first = unknown.first {
                var valid: [String] = []
                for name in kinds.flatMap(FieldNames.of) where !valid.contains(name) { valid.append(name) }
                throw .unknownField(first, valid: valid)
            }
        }
        request.verbose = flags.contains("--verbose")
        request.quiet = flags.contains("--quiet")
        if request.verbose && request.quiet { throw .conflictingOptions("--verbose", "--quiet") }
    }
}

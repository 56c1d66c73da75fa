/// The program: parse, run, and turn the outcome into one stderr line and an exit status (STYLE.md §2.4).
public enum Streamer {
    /// Runs the command line and exits; the only place that chooses exit statuses.
    public static func main(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        Platform.ignoreBrokenPipes()
        let stderr = StandardError()
        do {
            let invocation = try Invocation.parse(arguments)
            Platform.terminate(try run(invocation))
        } catch let error as UsageError {
            stderr.line("streamer: \(error) (see 'streamer --help')")
            Platform.terminate(.usage)
        } catch OutputError.readerClosed {
            Platform.terminate(.success)  // `| head`: the reader has what it wanted
        } catch {
            stderr.line("streamer: \(error)")
            Platform.terminate(status(for: error))
        }
    }

    /// Performs `invocation`; returns the status for a normal finish.
    static func run(_ invocation: Invocation) throws -> ExitStatus {
        let sink = OutputSink()
        switch invocation.command {
        case .help: try sink.append { $0.append(contentsOf: HelpText.usage.utf8) }
        case .version: try sink.append { $0.append(contentsOf: "streamer \(HelpText.version)\n".utf8) }
        case .exchanges: try sink.append { $0.append(contentsOf: HelpText.exchanges.utf8) }
        case .channels(let exchange): try sink.append { $0.append(contentsOf: HelpText.channels(exchange).utf8) }
        case .stream(let request): return try stream(request, sink: sink)
        case .query(let request): try query(request, sink: sink)
        case .replay(let request): return try replay(request)
        }
        try sink.flush()
        return .success
    }

    private static func stream(_ request: StreamRequest, sink _: OutputSink) throws -> ExitStatus {
        let diagnostics = StandardError(verbose: request.verbose, quiet: request.quiet)
        if let file = request.tls.extraCAFile, let reason = Platform.checkReadableFile(file) {
            throw UsageError.unreadableFile(option: "--cacert", path: file, reason: reason)
        }
        let adapter = request.exchange.adapter(for: request.subscriptions)
        let endpointText = adapter.defaultEndpoint
        guard let url = request.endpoint ?? WebSocketURL(endpointText) else {
            preconditionFailure("built-in endpoint '\(endpointText)' must parse")
        }
        if request.tls.insecure && url.secure {
            diagnostics.line(
                "streamer: WARNING: --insecure: TLS certificates are NOT verified; anyone on the path can read and alter this stream"
            )
        }
        let format = request.format ?? defaultFormat(output: request.output)
        let bookChannels = request.channels.filter { [.book, .bookTop100, .bookL3].contains($0) }
        let levelColumns = request.depth ?? (bookChannels.contains(.book) || bookChannels.isEmpty ? 10 : 100)
        if let output = request.output, let problem = OutputRouter.check(output: output) {
            throw UsageError.invalidValue(option: "--output", value: output, expected: "a file (\(problem))")
        }
        let ladder = format == .table && request.output == nil && Platform.isTerminal(1) && request.channels == [.book]
        let output =
            ladder
            ? OutputRouter(output: nil) { _ in BookLadderRenderer(color: useColor(request.color)) }
            : makeOutput(
                format: format, output: request.output, render: request.render, levelColumns: levelColumns,
                markets: request.markets, color: request.color)
        // --record: opened (and its header written) before anything connects, so an unwritable path exits 74 at once.
        let recorder = try request.record.map { path throws(OutputError) in
            let header = RecordingHeader(
                exchange: request.exchange, subscriptions: request.subscriptions, interval: request.interval,
                depth: request.depth, throttle: request.throttle, verify: request.verify,
                endpoint: RecordingHeader.endpointText(url))
            return try Recorder(path: path, header: header)
        }
        let restBase =
            request.restEndpoint ?? (request.endpoint.map(HTTPURL.init(origin:)) ?? HTTPURL(Bitstamp.restOrigin))
        let http = HTTPClient(tls: request.tls, timeoutMilliseconds: 10_000, userAgent: "streamer/\(HelpText.version)")
        let snapshots: (any BookSnapshotSource)? =
            switch request.exchange {  // Bitvavo's come over the socket (getBook)
            case .bitstamp: restBase.map { BitstampSnapshotSource(base: $0, client: http) }
            case .bitvavo: nil
            }
        let connector = WebSocketConnector(
            url: url, tls: request.tls, maxMessageSize: request.maxMessageSize, stepTimeoutMilliseconds: 10_000,
            userAgent: "streamer/\(HelpText.version)")
        var laterWarnings: [String] = []
        if request.validateMarkets, request.exchange == .bitstamp, let base = restBase {
            let source = MarketListSource(
                base: base, client: http, cacheDirectory: MarketListSource.defaultCacheDirectory)
            if let warning = try validate(request, with: source, diagnostics: diagnostics) {
                laterWarnings.append(warning)
            }
        }
        var plan = StreamPlan(
            exchange: request.exchange, subscriptions: request.subscriptions, connector: connector,
            count: request.count,
            duration: request.duration, gapsOnStdout: format == .jsonl)
        plan.warningsAfterConnect = laterWarnings
        if request.validateMarkets, request.exchange == .bitvavo {
            let file = MarketListSource.defaultCacheDirectory.map {
                "\($0)/bitvavo-markets-\(url.host)-\(url.port).json"
            }
            plan.socketMarketCheck = SocketMarketCheck(markets: request.markets, cacheFile: file)
        }
        plan.heartbeatInterval = request.heartbeat
        // The status line: asked for, or by default when a terminal watches a capture going to a file.
        plan.showStatus = request.stats || (request.output != nil && Platform.isTerminal(2) && !request.quiet)
        plan.reconnect = ReconnectPolicy(enabled: request.reconnect, maxRetries: request.maxRetries)
        plan.idleTimeout = request.idleTimeout
        plan.pipeline = PipelineOptions(
            depth: request.depth ?? 10, snapshotDepth: request.depth, throttle: request.throttle,
            verify: request.verify,
            interval: request.interval)
        Platform.installStopHandlers()
        let session = StreamSession(
            plan: plan, output: output, diagnostics: diagnostics, snapshots: snapshots, recorder: recorder)
        let reason: StopReason
        do {
            reason = try session.run()
        } catch {
            try? output.close()  // keep and sync what was written; the first error is the one to report
            try? recorder?.close()  // the same for the recording
            throw error
        }
        try output.close()
        try recorder?.close()
        switch reason {
        case .countReached, .durationElapsed, .serverClosed: return .success
        case .signal(let signal): return Platform.isInterrupt(signal) ? .interrupted : .terminated
        }
    }

    private static func query(_ request: QueryRequest, sink: OutputSink) throws {
        if let file = request.tls.extraCAFile, let reason = Platform.checkReadableFile(file) {
            throw UsageError.unreadableFile(option: "--cacert", path: file, reason: reason)
        }
        let events: [MarketEvent]
        switch request.exchange {
        case .bitstamp:
            guard let base = request.restEndpoint ?? HTTPURL(Bitstamp.restOrigin) else {
                preconditionFailure("built-in REST origin must parse")
            }
            let client = HTTPClient(
                tls: request.tls, timeoutMilliseconds: 10_000, userAgent: "streamer/\(HelpText.version)")
            events = try QueryRunner(request: request, base: base, client: client).events(
                now: StreamSession.wallClock())
        case .bitvavo:
            let adapter = request.exchange.adapter(for: [])
            guard let url = request.endpoint ?? WebSocketURL(adapter.defaultEndpoint) else {
                preconditionFailure("built-in endpoint must parse")
            }
            let connector = WebSocketConnector(
                url: url, tls: request.tls, maxMessageSize: 64 << 20, stepTimeoutMilliseconds: 10_000,
                userAgent: "streamer/\(HelpText.version)")
            Platform.installStopHandlers()
            events = try SocketQueryRunner(request: request, connector: connector).events()
        }
        let format = request.format ?? (Platform.isTerminal(1) ? .table : .jsonl)
        var renderer: any EventRenderer =
            switch format {
            case .jsonl: JSONLinesRenderer()
            case .csv: CSVRenderer(levelColumns: request.depth ?? 10)
            case .table:
                TableRenderer(markets: events.map(\.header.market), color: useColor(request.color))
            }
        for event in events { try sink.append { renderer.render(event, into: &$0) } }
    }

    /// Refuses markets the exchange does not list (exit 64 with suggestions) and warns about halted ones.
    ///
    /// When the list cannot be fetched the run goes on with a warning: an outage of the REST API should not stop a
    /// stream. Returns a warning to show once connected when the list could not be fetched.
    private static func validate(_ request: StreamRequest, with source: MarketListSource, diagnostics: StandardError)
        throws
        -> String?
    {
        let listed: [ListedMarket]
        do {
            listed = try source.bitstampMarkets(note: diagnostics.note)
        } catch {
            return
                "could not check the markets against \(request.exchange.name)'s list (\(error)); continuing unchecked"
        }
        // trading-pairs-info lists spot pairs only; perpetuals are checked only if the list has any.
        let listsPerpetuals = listed.contains { $0.wireSymbol.hasSuffix("-perp") }
        let markets = request.markets.filter { !$0.isPerpetual || listsPerpetuals }
        let (unknown, halted) = MarketCheck.check(markets, on: request.exchange, listed: listed)
        if let first = unknown.first {
            throw UsageError.unknownMarket(first.wireSymbol, exchange: request.exchange, suggestions: first.suggestions)
        }
        for market in halted {
            diagnostics.warning("\(market) is listed but not trading on \(request.exchange.name); expect silence")
        }
        return nil
    }

    /// Table on a terminal; otherwise JSON lines, or CSV when `-o` names a `.csv` file.
    static func defaultFormat(output: String?) -> OutputFormat {
        guard let output else { return Platform.isTerminal(1) ? .table : .jsonl }
        return output.lowercased().hasSuffix(".csv") ? .csv : .jsonl
    }

    /// The router for `format` to stdout or the `-o` files, each destination with a fresh renderer.
    static func makeOutput(
        format: OutputFormat, output: String?, render: RenderOptions, levelColumns: Int, markets: [Market],
        color: ColorMode
    ) -> OutputRouter {
        let colored = output == nil && useColor(color)
        return OutputRouter(output: output) { headerWritten in
            switch format {
            case .jsonl: JSONLinesRenderer(options: render)
            case .csv: CSVRenderer(levelColumns: levelColumns, options: render, headerWritten: headerWritten)
            case .table: TableRenderer(markets: markets, color: colored)
            }
        }
    }

    /// Colour when asked, or on a terminal without `NO_COLOR` (https://no-color.org).
    private static func useColor(_ mode: ColorMode) -> Bool {
        switch mode {
        case .always: true
        case .never: false
        case .auto: Platform.isTerminal(1) && (Platform.environment("NO_COLOR") ?? "").isEmpty
        }
    }

    /// The sysexits status for a failure (DESIGN.md §2).
    static func status(for error: any Error) -> ExitStatus {
        switch error {
        case let error as WebSocketError:
            switch error {
            case .transport(.caFile): .usage
            case .transport, .connectionLost, .closedByServer: .unavailable
            case .handshake, .protocolViolation: .protocolError
            }
        case let error as ExchangeError:
            switch error {
            case .unsupportedChannel, .tooManyChannels: .usage
            case .rejected, .malformed, .rateLimited: .protocolError
            case .authenticationRefused: .authenticationRefused
            }
        case is OutputError: .ioError
        case is RecordingError: .dataError
        case is HTTPError, is SessionError: .unavailable
        case is UsageError: .usage
        default: .protocolError
        }
    }
}

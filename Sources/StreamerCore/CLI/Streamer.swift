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
        }
        try sink.flush()
        return .success
    }

    private static func stream(_ request: StreamRequest, sink: OutputSink) throws -> ExitStatus {
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
            diagnostics.line("streamer: WARNING: --insecure: TLS certificates are NOT verified; anyone on the path can read and alter this stream")
        }
        let format = request.format ?? (Platform.isTerminal(1) ? .table : .jsonl)
        let renderer: any EventRenderer =
            switch format {
            case .jsonl: JSONLinesRenderer()
            case .csv: CSVRenderer()
            case .table: TableRenderer(markets: request.markets, color: useColor(request.color))
            }
        let connector = WebSocketConnector(
            url: url, tls: request.tls, maxMessageSize: request.maxMessageSize, stepTimeoutMilliseconds: 10_000,
            userAgent: "streamer/\(HelpText.version)")
        let plan = StreamPlan(
            exchange: request.exchange, subscriptions: request.subscriptions, connector: connector, count: request.count,
            duration: request.duration, gapsOnStdout: format == .jsonl)
        Platform.installStopHandlers()
        let session = StreamSession(plan: plan, renderer: renderer, sink: sink, diagnostics: diagnostics)
        switch try session.run() {
        case .countReached, .durationElapsed, .serverClosed: return .success
        case .signal(let signal): return Platform.isInterrupt(signal) ? .interrupted : .terminated
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
            case .unsupportedChannel: .usage
            case .rejected, .malformed: .protocolError
            }
        case is OutputError: .ioError
        case is UsageError: .usage
        default: .protocolError
        }
    }
}

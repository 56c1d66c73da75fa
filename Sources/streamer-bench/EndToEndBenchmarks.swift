import StreamerCore

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// End to end: `fixture-exchange --flood` → the release `streamer` → `/dev/null`, timed from spawn to exit,
/// with the client's peak RSS from `wait4(2)`; plus the server's own ceiling measured with `FloodReader`.
struct EndToEndBenchmarks {
    let options: BenchOptions
    /// The CPU the client (and the in-process reader) run on, and the server's; nil when not pinning.
    let clientCPU: Int?
    let serverCPU: Int?
    /// Messages of the validation runs that count output lines.
    static let checkMessages = 20_000
    static let tradesFile = "Fixtures/bench/bitstamp-trades-btcusd.jsonl"
    static let diffsFile = "Fixtures/bench/bitstamp-diff-btcusd.jsonl"
    static let bookRoutes = "Fixtures/bench/bitstamp-book-routes.session"
    static let bitvavoTradesFile = "Fixtures/bench/bitvavo-trades-btc-eur.jsonl"
    static let caFile = "Fixtures/tls/ca.pem"

    /// Figures for `options`; pins only on a machine with two CPUs or more.
    init(options: BenchOptions) {
        self.options = options
        let pin = options.pin && Machine.processors >= 2
        clientCPU = pin ? 0 : nil
        serverCPU = pin ? 1 : nil
    }

    /// One client command: the arguments after the program, and whether it ends by `--count`.
    struct Client {
        var name: String
        let exchange: String
        let channel: String
        let market: String
        /// Passes `--count N` (trades); otherwise the run ends when the server closes after N messages.
        let counted: Bool
        /// `--format`: `jsonl`, or `csv` (one header line more).
        var format = "jsonl"

        /// The client command line against `url` for `messages` messages.
        func arguments(_ bench: BenchOptions, url: String, messages: Int) -> [String] {
            var arguments = [
                bench.binary("streamer"), exchange, channel, market, "--endpoint", url, "--format", format,
            ]
            if counted { arguments += ["--count", String(messages)] }
            arguments.append("--no-validate")
            if url.hasPrefix("wss:") { arguments += ["--cacert", EndToEndBenchmarks.caFile] }
            return arguments
        }
    }

    /// Prints every end-to-end figure; a scenario that fails is reported as skipped with its reason.
    func run() {
        let n = options.messages
        Report.line(
            "# end to end: \(Format.grouped(n)) messages per run, median of \(options.e2eRuns) runs; "
                + (clientCPU.map { "client pinned to CPU \($0), server to CPU \(serverCPU ?? 0)" } ?? "not pinned")
                + "; rate = messages / client wall time (spawn to exit); RSS = client ru_maxrss (wait4)")
        let trades = Client(
            name: "bitstamp.trades", exchange: "bitstamp", channel: "trades", market: "btcusd", counted: true)
        attempt("e2e.bitstamp.trades.ws") {
            try scenario(
                trades, file: Self.tradesFile, tls: false, subscription: Self.bitstampSubscribe("live_trades_btcusd"))
        }
        attempt("e2e.bitstamp.trades.wss") {
            try scenario(
                trades, file: Self.tradesFile, tls: true, subscription: Self.bitstampSubscribe("live_trades_btcusd"))
        }
        var tradesCSV = trades
        tradesCSV.name = "bitstamp.trades.csv"
        tradesCSV.format = "csv"
        attempt("e2e.bitstamp.trades.csv.ws") {
            try scenario(tradesCSV, file: Self.tradesFile, tls: false, subscription: nil)
        }
        let book = Client(
            name: "bitstamp.book", exchange: "bitstamp", channel: "book", market: "btcusd", counted: false)
        for tls in [false, true] {
            attempt("e2e.bitstamp.book.\(tls ? "wss" : "ws")") {
                try scenario(
                    book, file: Self.diffsFile, tls: tls, routes: Self.bookRoutes, subscription: nil,
                    messages: max(1, n / 5))
            }
        }
        if ExchangeID.bitvavo.streamableChannels.contains(.trades) {
            let bitvavo = Client(
                name: "bitvavo.trades", exchange: "bitvavo", channel: "trades", market: "BTC-EUR", counted: true)
            attempt("e2e.bitvavo.trades.ws") {
                try scenario(bitvavo, file: Self.bitvavoTradesFile, tls: false, subscription: nil)
            }
            attempt("e2e.bitvavo.trades.wss") {
                try scenario(bitvavo, file: Self.bitvavoTradesFile, tls: true, subscription: nil)
            }
        } else {
            Report.skipped("e2e.bitvavo.trades.ws", "bitvavo trades not streamable in this build")
            Report.skipped("e2e.bitvavo.trades.wss", "bitvavo trades not streamable in this build")
        }
        attempt("e2e.rss.flat") { try flatness(trades) }
        let latency = LatencyBenchmark(options: options, clientCPU: clientCPU, serverCPU: serverCPU)
        attempt("e2e.latency.quiet.ws") { try latency.run(pinned: false) }
        if clientCPU != nil { attempt("e2e.latency.quiet.ws.pinned") { try latency.run(pinned: true) } }
    }

    /// Runs `body`, reporting a failure as a skipped figure instead of stopping the bench.
    private func attempt(_ name: String, _ body: () throws -> Void) {
        do { try body() } catch {
            Report.skipped(name, "failed: \(error)")
        }
    }

    /// The `bts:subscribe` frame the trivial reader sends (the flood server only waits for a text message).
    static func bitstampSubscribe(_ channel: String) -> String {
        #"{"event":"bts:subscribe","data":{"channel":"\#(channel)"}}"#
    }

    /// The rate, RSS and (with `subscription`) server ceiling figures of one client over ws:// or wss://.
    private func scenario(
        _ client: Client, file: String, tls: Bool, routes: String? = nil, subscription: String?, messages: Int? = nil
    ) throws {
        let scheme = tls ? "wss" : "ws"
        let name = "e2e.\(client.name).\(scheme)"
        let n = messages ?? options.messages
        let server = try FloodServer(
            bench: options, floodFile: file, count: n, tls: tls, routes: routes, cpu: serverCPU)
        defer { server.stop() }
        let arguments = client.arguments(options, url: server.url, messages: n)
        let exits = try (0..<options.e2eRuns).map { _ in try runClient(arguments) }
        let seconds = exits.map(\.seconds)
        let median = seconds.median
        let cpu = exits.map { $0.userSeconds + $0.systemSeconds }.median
        let command = display(arguments) + " > /dev/null"
        Report.figure(
            name, Format.grouped(Double(n) / median), "msgs/s",
            "\(command)  [wall \(Format.fixed(median, 3)) s (\(Format.fixed(seconds.min() ?? 0, 3))–"
                + "\(Format.fixed(seconds.max() ?? 0, 3))), client CPU \(Format.fixed(cpu, 3)) s; server: "
                + "\(server.command)]")
        let rss = exits.map(\.maxRSSKiB).max() ?? 0
        Report.figure(
            name + ".rss", Format.mebibytes(kibibytes: rss), "MiB", "peak RSS of the client, max of the runs above")
        try check(client, name: name, file: file, tls: tls, routes: routes)
        if let subscription {
            let reader = FloodReader(port: server.port, tls: tls, caFile: Self.caFile)
            var results: [FloodReader.Result] = []
            let previous = clientCPU.map { Affinity.pin(to: $0) } ?? nil
            defer { if let previous { Affinity.restore(previous) } }
            for _ in 0..<options.e2eRuns { results.append(try reader.run(subscription: subscription)) }
            guard let first = results.first, first.frames == n else {
                throw BenchError.failed("the reader got \(results.first?.frames ?? 0) of \(n) frames")
            }
            let readerSeconds = results.map(\.seconds).median
            Report.figure(
                "e2e.server-ceiling.\(scheme)", Format.grouped(Double(n) / readerSeconds), "msgs/s",
                "trivial reader (handshake, count frames until Close; streamer-bench's FloodReader) against "
                    + "\(server.command); \(Format.fixed(Double(first.bytes) / readerSeconds / 1e9, 2)) GB/s")
        }
    }

    /// Runs the client once; fails with its stderr when it does not exit 0.
    private func runClient(_ arguments: [String], stdout: ChildProcess.Output = .null) throws -> ChildProcess.Exit {
        let errors = "/tmp/streamer-bench-\(getpid()).stderr"
        defer { unlink(errors) }
        let child = try ChildProcess.spawnMeasured(arguments, stdout: stdout, stderr: .file(errors), cpu: clientCPU)
        let exit = try child.wait()
        guard exit.status == 0 else {
            let text = (try? FileBytes.contents(of: errors)).map { String(decoding: $0.prefix(400), as: UTF8.self) }
            throw BenchError.failed("\(display(arguments)) exited \(exit.status): \(text ?? "")")
        }
        return exit
    }

    /// A short run whose stdout is counted: trades print one line per message; a book prints when its top changes.
    private func check(_ client: Client, name: String, file: String, tls: Bool, routes: String?) throws {
        let n = Self.checkMessages
        let server = try FloodServer(
            bench: options, floodFile: file, count: n, tls: tls, routes: routes, cpu: serverCPU)
        defer { server.stop() }
        let arguments = client.arguments(options, url: server.url, messages: n)
        let errors = "/tmp/streamer-bench-\(getpid()).check"
        defer { unlink(errors) }
        let child = try ChildProcess.spawnMeasured(arguments, stdout: .pipe, stderr: .file(errors), cpu: clientCPU)
        let (lines, bytes) = child.countLines()
        close(child.readFD)
        let exit = try child.wait()
        guard exit.status == 0 else { throw BenchError.failed("check run exited \(exit.status)") }
        if client.counted {
            let expected = n + (client.format == "csv" ? 1 : 0)  // CSV: the header line first
            guard lines == expected else {
                throw BenchError.failed("check run printed \(lines) lines for \(n) messages")
            }
        } else {
            Report.figure(
                name + ".lines", Format.fixed(Double(lines) / Double(n), 3), "lines/msg",
                "\(Format.grouped(lines)) lines, \(Format.grouped(bytes / max(lines, 1))) bytes each, for "
                    + "\(Format.grouped(n)) messages (a book line is printed when the top 10 change)")
        }
    }

    /// Peak RSS after N/10, N and (with `--long`) 10,000,000 Bitstamp trades over ws://.
    private func flatness(_ client: Client) throws {
        var counts = [max(1, options.messages / 10), options.messages]
        if options.long { counts.append(10_000_000) }
        for count in counts {
            let server = try FloodServer(
                bench: options, floodFile: Self.tradesFile, count: count, tls: false, cpu: serverCPU)
            defer { server.stop() }
            let arguments = client.arguments(options, url: server.url, messages: count)
            let exit = try runClient(arguments)
            Report.figure(
                "e2e.rss.trades.ws@\(Self.short(count))", Format.mebibytes(kibibytes: exit.maxRSSKiB), "MiB",
                "\(display(arguments)) > /dev/null  [\(Format.grouped(Double(count) / exit.seconds)) msgs/s]")
        }
        if !options.long {
            Report.skipped("e2e.rss.trades.ws@10M", "set BENCH_LONG=1 (make bench) or pass --long")
        }
    }

    /// `1000000` → `1M`, `20000` → `20k`, for figure names.
    static func short(_ count: Int) -> String {
        if count % 1_000_000 == 0 { return "\(count / 1_000_000)M" }
        if count % 1_000 == 0 { return "\(count / 1_000)k" }
        return String(count)
    }

    private func display(_ arguments: [String]) -> String {
        ([options.display(arguments[0])] + arguments.dropFirst()).joined(separator: " ")
    }
}

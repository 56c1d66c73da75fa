import Foundation
import Testing

/// Faults injected by fixture-exchange: the exit status, stderr, and that nothing received before a fault is lost.
@Suite(.timeLimit(.minutes(1)))
struct ResilienceEndToEndTests {
    /// The first `count` trades of `Fixtures/bitstamp/trades-btcusd.jsonl` as this client prints them, `recv` masked.
    private func expectedTrades(_ range: Range<Int>) throws -> [String] {
        let golden = try String(
            contentsOf: FixtureServer.fixturesDirectory.appendingPathComponent("golden/e2e/bitstamp-trades.jsonl"),
            encoding: .utf8)
        return Array(golden.split(separator: "\n").map(String.init)[range])
    }

    private func lines(_ result: ProcessResult) -> [String] {
        OutputNormalizer.jsonLines(result.stdout).split(separator: "\n").map(String.init)
    }

    private func trades(_ session: String, _ extra: [String], tls: Bool = false, once: Bool = true) throws
        -> (result: ProcessResult, server: FixtureServer)
    {
        let server = try FixtureServer(session: session, tls: tls, once: once)
        var arguments = ["bitstamp", "trades", "btcusd", "-f", "jsonl", "--endpoint", server.endpoint] + extra
        if tls { arguments += ["--cacert", FixtureServer.caCertificatePath] }
        return (try StreamerProcess.run(arguments), server)
    }

    @Test func aResetMidFrameKeepsTheTradesBeforeIt() throws {
        let (result, server) = try trades("fault-reset-midframe", ["--no-reconnect"])
        #expect(result.status == 69)
        #expect(lines(result) == (try expectedTrades(0..<2)))
        #expect(result.stderr == "streamer: reading from 127.0.0.1:\(server.port) failed: Connection reset by peer\n")
    }

    @Test func aServerRestartWith1001IsAConnectionToReconnect() throws {
        let (result, server) = try trades("fault-close-1001", ["--no-reconnect"])
        #expect(result.status == 69)
        #expect(lines(result) == (try expectedTrades(0..<2)))
        #expect(
            result.stderr == "streamer: 127.0.0.1:\(server.port) closed the connection with status 1001: restarting\n")
    }

    @Test func aStalledLinkIsNoticedWithinTheIdleTimeout() throws {
        let (result, server) = try trades("fault-stall", ["--no-reconnect", "--idle-timeout", "1s"])
        #expect(result.status == 69)
        #expect(lines(result) == (try expectedTrades(0..<2)))
        #expect(
            result.stderr
                == "streamer: no data, pong or heartbeat from 127.0.0.1:\(server.port) for 1 s (see --idle-timeout)\n")
        server.stop()
    }

    @Test func aQuietButAliveLinkAnswersPingsAndStays() throws {
        // The server sends nothing for 6 s but keeps answering pings: a quiet market, not a dead link.
        let server = try FixtureServer(session: "bitstamp-trades-loop", extraArguments: ["--pace", "3s"])
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "-f", "jsonl", "--idle-timeout", "900ms", "-d", "2s", "--endpoint",
            server.endpoint,
        ])
        #expect(result.status == 0 && result.stderr == "")
        #expect(server.waitForLogLine { $0.hasPrefix("received ping") })
    }

    @Test func bytesDrippedOneAtATimeMakeTheSameOutput() throws {
        let (result, _) = try trades("fault-drip", [])
        #expect(result.status == 0 && result.stderr == "")
        #expect(lines(result) == (try expectedTrades(0..<12)))
    }

    @Test func framesSplitAcrossTLSRecordsMakeTheSameOutput() throws {
        let (result, _) = try trades("fault-split", [], tls: true)
        #expect(result.status == 0 && result.stderr == "")
        #expect(lines(result) == (try expectedTrades(0..<12)))
    }

    @Test(arguments: [
        ("fault-masked", [], "masked frame from the server (closed with 1002)", "client-close 1002"),
        ("fault-invalid-utf8", [], "text message is not valid UTF-8 (closed with 1007)", "client-close 1007"),
        (
            "fault-oversize", ["--max-message-size", "1KiB"],
            "message of 2048 bytes exceeds the limit of 1024 bytes (see --max-message-size) (closed with 1009)",
            "client-close 1009"
        ),
    ])
    func aBrokenFrameClosesWithItsCodeAndExits76(session: String, extra: [String], reason: String, closeLine: String)
        throws
    {
        let (result, server) = try trades(session, extra)
        #expect(result.status == 76)
        #expect(lines(result) == (try expectedTrades(0..<1)))
        #expect(result.stderr == "streamer: protocol error from 127.0.0.1:\(server.port): \(reason)\n")
        let (_, log) = server.waitForExit()
        #expect(log.contains(closeLine))
    }

    @Test func malformedJSONIsSkippedWithAWarningAndTheStreamGoesOn() throws {
        let (result, _) = try trades("fault-malformed-json", [])
        #expect(result.status == 0)
        #expect(lines(result) == (try expectedTrades(0..<2)))
        #expect(result.stderr.hasPrefix("streamer: skipped an unreadable bitstamp message: malformed JSON at byte 31"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func anUnknownEventIsIgnoredAndNotedWithVerbose() throws {
        let quiet = try trades("fault-unknown-event", [])
        #expect(quiet.result.status == 0 && quiet.result.stderr == "")
        #expect(lines(quiet.result) == (try expectedTrades(0..<2)))
        let verbose = try trades("fault-unknown-event", ["-v"])
        #expect(
            verbose.result.stderr.contains(
                "streamer: ignored unknown event 'bts:new_feature' on 'live_trades_btcusd'\n"))
    }

    @Test func reconnectsAfterADropWithAGapRecordAndCarriesOn() throws {
        let (result, server) = try trades("fault-drop-then-resume", [], once: false)
        defer { server.stop() }
        #expect(result.status == 0)
        let output = lines(result)
        #expect(output.count == 5)
        #expect(Array(output.prefix(2)) == (try expectedTrades(0..<2)))
        #expect(
            output[2].hasPrefix(
                #"{"type":"gap","exchange":"bitstamp","market":"BTC-USD","ts":null,"recv":"*","reason":"disconnect","since":""#
            ))
        #expect(Array(output.suffix(2)) == (try expectedTrades(2..<4)))
        #expect(
            result.stderr.hasPrefix(
                "streamer: lost the connection: connection to 127.0.0.1:\(server.port) was closed without a WebSocket close frame; reconnecting in "
            ))
    }

    @Test func aGapIsAStderrLineInTheTableFormat() throws {
        let server = try FixtureServer(session: "fault-drop-then-resume", once: false)
        defer { server.stop() }
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "-f", "table", "--endpoint", server.endpoint,
        ])
        #expect(result.status == 0)
        #expect(result.stderr.contains("streamer: gap in BTC-USD (disconnect) since "))
        #expect(result.stdout.split(separator: "\n").count == 5)  // header + 4 trades
    }

    @Test func aRequestedReconnectSwitchesWithoutAGapOrDuplicates() throws {
        let (result, server) = try trades("fault-request-reconnect", [], once: false)
        defer { server.stop() }
        #expect(result.status == 0)
        #expect(lines(result) == (try expectedTrades(0..<8)))
        #expect(result.stderr == "streamer: bitstamp asked to reconnect; switching to a new connection without a gap\n")
        #expect(server.log.filter { $0 == "connected" }.count == 2)
    }

    @Test func retriesAnUnreachableServerThenExits69() throws {
        let server = try FixtureServer(session: "bitstamp-trades")
        let port = server.port
        server.stop()
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--no-validate", "--endpoint", "ws://127.0.0.1:\(port)", "--max-retries",
            "2",
        ])
        #expect(result.status == 69 && result.stdout == "")
        let stderr = result.stderr.split(separator: "\n").map(String.init)
        #expect(stderr.count == 3)
        #expect(
            stderr[0].hasPrefix(
                "streamer: could not connect to 127.0.0.1:\(port): Connection refused; reconnecting in "))
        #expect(stderr[0].hasSuffix(" s (attempt 1 of 2)"))
        #expect(stderr[1].hasSuffix(" s (attempt 2 of 2)"))
        #expect(
            stderr[2] == "streamer: gave up after 2 retries: could not connect to 127.0.0.1:\(port): Connection refused"
        )
    }

    @Test func theDurationBoundsTheWholeRunEvenWhileRetrying() throws {
        let server = try FixtureServer(session: "bitstamp-trades")
        let port = server.port
        server.stop()
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--no-validate", "--endpoint", "ws://127.0.0.1:\(port)", "-d", "1500ms",
        ])
        #expect(result.status == 0 && !result.timedOut)
        #expect(result.stderr.contains("reconnecting in"))
    }
}

/// SIGINT and SIGTERM mid-stream: output flushed with a complete last line, Close 1000 sent, 130 and 143.
@Suite(.timeLimit(.minutes(1)))
struct SignalEndToEndTests {
    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func stopsCleanlyOnASignal(signal: Int32, status: Int32) throws {
        let server = try FixtureServer(session: "bitstamp-trades-loop", extraArguments: ["--pace", "20ms"])
        let process = Process()
        process.executableURL = StreamerProcess.binary(named: "streamer")
        process.arguments = ["bitstamp", "trades", "btcusd", "-f", "jsonl", "--endpoint", server.endpoint]
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = StreamerProcess.scratchCacheDirectory
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        var received = Data()
        let deadline = Date().addingTimeInterval(15)
        while received.filter({ $0 == 0x0A }).count < 3 && Date() < deadline {
            received.append(stdout.fileHandleForReading.availableData)  // blocks until the stream writes
        }
        kill(process.processIdentifier, signal)
        received.append(stdout.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        #expect(process.terminationStatus == status)
        #expect(received.last == 0x0A)  // the last line is whole
        for line in String(decoding: received, as: UTF8.self).split(separator: "\n") {
            #expect(line.hasPrefix(#"{"type":"trade""#) && line.hasSuffix("}"))
        }
        #expect(server.waitForLogLine { $0.hasPrefix("client-close 1000") })
    }
}

/// Output is batched, but never held back: when the input goes quiet, every line received so far is written at once
/// (issue 7), so `| jq` and `tail -f` see each event while the stream is still open.
@Suite(.timeLimit(.minutes(1)))
struct QuietFlushEndToEndTests {
    /// Starts `streamer` against a fixture that sends one trade and then nothing for a minute.
    private func startQuietStream(_ extra: [String]) throws -> (FixtureServer, Process, PipeDrain) {
        let server = try FixtureServer(session: "bitstamp-one-trade-then-quiet")
        let process = Process()
        process.executableURL = StreamerProcess.binary(named: "streamer")
        process.arguments = ["bitstamp", "trades", "btcusd", "--endpoint", server.endpoint, "--no-validate"] + extra
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let stdout = PipeDrain(pipe.fileHandleForReading)
        return (server, process, stdout)
    }

    @Test(arguments: [("jsonl", #"{"type":"trade","exchange":"bitstamp","market":"BTC-USD""#), ("csv", "BTC-USD")])
    func aQuietStreamWritesItsLastLineToThePipeAtOnce(format: String, prefix: String) throws {
        let (server, process, stdout) = try startQuietStream(["-f", format])
        defer { server.stop() }
        // Generous bound: it only matters when the test fails; a pass returns as soon as the line is there.
        let wanted = format == "csv" ? 2 : 1  // CSV: the header, then the trade
        let arrived = stdout.wait(timeout: .seconds(20)) { $0.lines.count >= wanted }
        let stillRunning = process.isRunning  // the line came while the stream was open, not at exit
        process.terminate()
        process.waitUntilExit()
        #expect(arrived && stillRunning)
        #expect(stdout.lines.last?.contains(prefix) == true, "\(stdout.text)")
        #expect(stdout.lines.last?.contains("96998.52") == true)
    }

    @Test func aQuietStreamWritesItsLastLineToTheOutputFileAtOnce() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quiet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("trades.jsonl").path
        let (server, process, _) = try startQuietStream(["-f", "jsonl", "-o", file])
        defer { server.stop() }
        var written = ""
        let deadline = Date().addingTimeInterval(20)
        while !written.hasSuffix("}\n") && Date() < deadline && process.isRunning {
            // No signal exists for "a file grew": poll it. Only a failing run waits out the bound.
            written = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            if !written.hasSuffix("}\n") { usleep(10_000) }
        }
        let stillRunning = process.isRunning
        process.terminate()
        process.waitUntilExit()
        #expect(stillRunning)
        #expect(written.hasPrefix(#"{"type":"trade","exchange":"bitstamp","market":"BTC-USD""#), "\(written)")
    }
}

import Foundation
import Testing

/// Every Bitstamp channel streamed by the real binary from fixture-exchange, in JSON lines and CSV.
@Suite(.timeLimit(.minutes(1)))
struct BitstampChannelsEndToEndTests {
    /// Runs `streamer bitstamp <arguments> --endpoint <fixture>` against `session` and checks the server's log.
    private func stream(_ session: String, _ arguments: [String]) throws -> (result: ProcessResult, log: [String]) {
        let server = try FixtureServer(session: session)
        let result = try StreamerProcess.run(["bitstamp"] + arguments + ["--endpoint", server.endpoint])
        let (status, log) = server.waitForExit()
        #expect(status == 0, "fixture log: \(log)")
        #expect(!log.contains { $0.hasPrefix("expect FAILED") })
        return (result, log)
    }

    @Test(arguments: [
        ("bitstamp-orders", ["orders", "btcusd"], "orders"),
        ("bitstamp-book-top100", ["book-top100", "btcusd"], "book-top100"),
        ("bitstamp-book-top100", ["ticker", "btcusd"], "ticker"),
        ("bitstamp-book-l3", ["book-l3", "btcusd"], "book-l3"),
        ("bitstamp-funding", ["funding", "btcusd-perp"], "funding"),
        ("bitstamp-candles", ["candles", "btcusd", "--interval", "1m"], "candles"),
        ("bitstamp-book", ["book", "btcusd", "--depth", "5"], "book"),
        ("bitstamp-book-refetch", ["book", "btcusd", "--depth", "3"], "book-refetch"),
        ("bitstamp-book-verify", ["book", "btcusd", "--depth", "3", "--verify"], "book-verify"),
    ])
    func streamsTheChannelAsJSONLines(session: String, arguments: [String], golden: String) throws {
        let (result, _) = try stream(session, arguments + ["-f", "jsonl"])
        #expect(result.status == 0 && !result.timedOut)
        try EndToEndGolden.check(OutputNormalizer.jsonLines(result.stdout), "bitstamp-\(golden).jsonl")
    }

    @Test(arguments: [
        ("bitstamp-orders", ["orders", "btcusd"], "orders"),
        ("bitstamp-book-top100", ["book-top100", "btcusd"], "book-top100"),
        ("bitstamp-book-top100", ["ticker", "btcusd"], "ticker"),
        ("bitstamp-book-l3", ["book-l3", "btcusd", "--depth", "2"], "book-l3"),
        ("bitstamp-funding", ["funding", "btcusd-perp"], "funding"),
        ("bitstamp-candles", ["candles", "btcusd"], "candles"),
        ("bitstamp-book", ["book", "btcusd", "--depth", "2"], "book"),
    ])
    func streamsTheChannelAsCSV(session: String, arguments: [String], golden: String) throws {
        let (result, _) = try stream(session, arguments + ["-f", "csv"])
        #expect(result.status == 0 && !result.timedOut)
        try EndToEndGolden.check(OutputNormalizer.csv(result.stdout), "bitstamp-\(golden).csv")
    }

    @Test(arguments: [
        ("bitstamp-orders", ["orders", "btcusd"], "EVENT"),
        ("bitstamp-book-top100", ["book-top100", "btcusd"], "LEVELS"),
        ("bitstamp-book-top100", ["ticker", "btcusd"], "BID SIZE"),
        ("bitstamp-book-l3", ["book-l3", "btcusd"], "ORDERS"),
        ("bitstamp-funding", ["funding", "btcusd-perp"], "RATE"),
        ("bitstamp-candles", ["candles", "btcusd"], "VOLUME"),
    ])
    func streamsTheChannelAsATable(session: String, arguments: [String], column: String) throws {
        let (result, _) = try stream(session, arguments + ["-f", "table"])
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n")
        #expect(rows.count >= 2)
        #expect(rows.first?.contains(column) == true)
    }

    @Test func reportsABrokenOrderChainAsAGapLineOnStderrInCSV() throws {
        let (result, _) = try stream("bitstamp-orders", ["orders", "btcusd", "-f", "csv"])
        #expect(
            result.stderr
                == "streamer: gap in BTC-USD (sequence) since 2026-11-18T11:06:40.103000Z: data may be missing\n")
        #expect(!result.stdout.contains("gap"))
    }

    @Test func fetchesTheSnapshotAgainWhenItIsOlderThanTheFirstDiff() throws {
        let (result, log) = try stream("bitstamp-book-refetch", ["book", "btcusd", "-f", "jsonl"])
        #expect(result.status == 0)
        #expect(log.filter { $0.hasPrefix("http GET /api/v2/order_book/btcusd/?group=1&_=") }.count == 2)
    }

    @Test func resyncsWithAGapRecordWhenVerificationFails() throws {
        let (result, log) = try stream(
            "bitstamp-book-verify", ["book", "btcusd", "--depth", "3", "--verify", "-f", "jsonl"])
        #expect(
            result.stderr
                == "streamer: local BTC-USD book differs from bitstamp's top 3 at 1795000002600000; resyncing\n")
        #expect(
            result.stdout.split(separator: "\n").filter {
                $0.contains(#""type":"gap""#) && $0.contains(#""reason":"resync""#)
            }.count == 1)
        #expect(log.filter { $0.hasPrefix("http GET /api/v2/order_book/") }.count == 2)
    }

    @Test func printsTheBookAsATableOfTopLevels() throws {
        let (result, _) = try stream("bitstamp-book", ["book", "btcusd", "--depth", "5", "-f", "table"])
        #expect(result.status == 0)
        try EndToEndGolden.check(result.stdout, "bitstamp-book-table.txt")
    }

    @Test func refusesAMarketBitstampDoesNotListWithSuggestions() throws {
        let server = try FixtureServer(session: "bitstamp-trades", once: false)
        defer { server.stop() }
        let result = try StreamerProcess.run(["bitstamp", "trades", "btcusdt", "--endpoint", server.endpoint])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "streamer: bitstamp has no market 'btcusdt'; did you mean 'btcusd'? (see 'streamer --help')\n")
    }

    @Test func skipsTheMarketCheckWithNoValidate() throws {
        let server = try FixtureServer(session: "bitstamp-rest-errors")
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--no-validate", "-f", "jsonl", "-n", "1", "--endpoint", server.endpoint,
        ])
        #expect(result.status == 0)
        let (_, log) = server.waitForExit()
        #expect(!log.contains { $0.hasPrefix("http GET /api/v2/markets/") })
    }

    @Test func cachesTheMarketListBetweenRuns() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("streamer-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let server = try FixtureServer(session: "bitstamp-trades-loop", once: false)
        defer { server.stop() }
        for _ in 0..<2 {
            let result = try StreamerProcess.run(
                ["bitstamp", "trades", "btcusd", "-n", "1", "-f", "jsonl", "--endpoint", server.endpoint],
                environment: ["XDG_CACHE_HOME": cache.path])
            #expect(result.status == 0)
        }
        #expect(server.log.filter { $0.hasPrefix("http GET /api/v2/markets/") }.count == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("streamer").path)
        #expect(files == ["bitstamp-markets-127.0.0.1-\(server.port).json"])
    }

    @Test func exits76NamingTheChannelBitstampRefused() throws {
        let server = try FixtureServer(session: "bitstamp-error")
        let result = try StreamerProcess.run(["bitstamp", "trades", "btcusd", "--endpoint", server.endpoint])
        #expect(result.status == 76)
        #expect(result.stderr == "streamer: bitstamp refused 'live_trades_btcusd': Invalid channel provided.\n")
        let (_, log) = server.waitForExit()
        #expect(log.contains { $0.hasPrefix("client-close 1000") })
    }

    @Test func refusesCSVForChannelsOfDifferentTypes() throws {
        let result = try StreamerProcess.run(["bitstamp", "trades,book", "btcusd", "-f", "csv"])
        #expect(result.status == 64 && result.stdout == "")
        #expect(result.stderr.hasPrefix("streamer: CSV holds one event type per file"))
    }
}

/// Bitstamp's application heartbeat: sent on an interval, its round trip reported with `--verbose`.
@Suite(.timeLimit(.minutes(1)))
struct BitstampHeartbeatEndToEndTests {
    @Test func sendsHeartbeatsAndReportsTheirRoundTrip() throws {
        let server = try FixtureServer(session: "bitstamp-trades-loop", extraArguments: ["--pace", "20ms"])
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--heartbeat", "100ms", "-d", "1s", "-v", "-f", "jsonl", "--endpoint",
            server.endpoint,
        ])
        #expect(result.status == 0)
        #expect(result.stderr.contains("streamer: heartbeat round trip "))
        #expect(server.waitForLogLine { $0 == #"received text {"event":"bts:heartbeat"}"# })
    }
}

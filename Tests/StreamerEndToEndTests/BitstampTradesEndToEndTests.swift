import Foundation
import Testing

/// The real binary streaming Bitstamp trades from fixture-exchange, in every format, over ws:// and wss://.
@Suite(.timeLimit(.minutes(1)))
struct BitstampTradesEndToEndTests {
    @Test func streamsTradesAsJSONLinesOverPlainWebSocket() throws {
        let server = try FixtureServer(session: "bitstamp-trades")
        let result = try StreamerProcess.run([
            "bitstamp", "livetrades", "btcusd", "--endpoint", server.endpoint, "-f", "jsonl",
        ])
        #expect(result.status == 0 && !result.timedOut)
        #expect(result.stderr == "")
        try EndToEndGolden.check(OutputNormalizer.jsonLines(result.stdout), "bitstamp-trades.jsonl")
        let (status, log) = server.waitForExit()
        #expect(status == 0)
        #expect(log.contains("expect ok"))
        #expect(log.contains { $0.hasPrefix("client-close 1000") })
    }

    @Test func streamsTheSameTradesOverTLSWhenTheTestCAIsTrusted() throws {
        let server = try FixtureServer(session: "bitstamp-trades", tls: true)
        #expect(server.endpoint.hasPrefix("wss://127.0.0.1:"))
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--endpoint", server.endpoint, "--cacert", FixtureServer.caCertificatePath,
            "--format", "jsonl",
        ])
        #expect(result.status == 0 && result.stderr == "")
        try EndToEndGolden.check(OutputNormalizer.jsonLines(result.stdout), "bitstamp-trades.jsonl")
        #expect(server.waitForExit().status == 0)
    }

    @Test func verifiesTheCertificateAgainstTheHostNameToo() throws {
        let server = try FixtureServer(session: "bitstamp-trades", tls: true)
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--endpoint", "wss://localhost:\(server.port)",
            "--cacert", FixtureServer.caCertificatePath, "-f", "jsonl", "-n", "1",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func refusesAnUntrustedCertificateWithExit69() throws {
        let server = try FixtureServer(session: "bitstamp-trades", tls: true)
        let result = try StreamerProcess.run(["bitstamp", "trades", "btcusd", "--endpoint", server.endpoint])
        #expect(result.status == 69)
        #expect(result.stdout == "")
        #expect(
            result.stderr.hasPrefix(
                "streamer: TLS handshake with 127.0.0.1:\(server.port) failed: certificate verify failed"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func connectsWithInsecureButWarnsLoudly() throws {
        let server = try FixtureServer(session: "bitstamp-trades", tls: true)
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--endpoint", server.endpoint, "--insecure", "-n", "2", "-f", "jsonl",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 2)
        #expect(result.stderr.contains("WARNING: --insecure"))
    }

    @Test func writesCSVWithOneHeaderRow() throws {
        let server = try FixtureServer(session: "bitstamp-trades")
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--endpoint", server.endpoint, "--format", "csv",
        ])
        #expect(result.status == 0 && result.stderr == "")
        try EndToEndGolden.check(OutputNormalizer.csv(result.stdout), "bitstamp-trades.csv")
    }

    @Test func writesAnAlignedTableWithoutColourWhenNotOnATerminal() throws {
        let server = try FixtureServer(session: "bitstamp-trades")
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--endpoint", server.endpoint, "--format", "table",
        ])
        #expect(result.status == 0 && result.stderr == "")
        #expect(!result.stdout.contains("\u{1B}["))
        try EndToEndGolden.check(result.stdout, "bitstamp-trades-table.txt")
    }

    @Test func sharesOneConnectionBetweenSeveralMarkets() throws {
        let server = try FixtureServer(session: "bitstamp-trades-two-markets")
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "ethusd", "--endpoint", server.endpoint, "-f", "jsonl",
        ])
        #expect(result.status == 0)
        try EndToEndGolden.check(OutputNormalizer.jsonLines(result.stdout), "bitstamp-trades-two-markets.jsonl")
        let (status, log) = server.waitForExit()
        #expect(status == 0)
        #expect(log.filter { $0 == "connected" }.count == 1)
        #expect(log.filter { $0 == "expect ok" }.count == 2)
    }

    @Test func keepsPerpetualTradeIdsAbove2To53Exact() throws {
        let server = try FixtureServer(session: "bitstamp-trades-perp")
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd-perp", "--endpoint", server.endpoint, "-f", "jsonl",
        ])
        #expect(result.status == 0)
        try EndToEndGolden.check(OutputNormalizer.jsonLines(result.stdout), "bitstamp-trades-perp.jsonl")
    }

    @Test func stopsAfterExactlyCountEventsAndClosesNormally() throws {
        let server = try FixtureServer(session: "bitstamp-trades-loop")
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--endpoint", server.endpoint, "--count", "5", "-f", "jsonl",
        ])
        #expect(result.status == 0 && result.stderr == "")
        // Five lines and the empty piece after the final newline.
        #expect(result.stdout.split(separator: "\n", omittingEmptySubsequences: false).count == 6)
        #expect(result.stdout.hasSuffix("\n"))
        #expect(server.waitForLogLine { $0.hasPrefix("client-close 1000") })
    }

    @Test func stopsAfterTheDurationWithExit0() throws {
        let server = try FixtureServer(session: "bitstamp-trades-loop")
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--endpoint", server.endpoint, "-d", "300ms", "-f", "jsonl",
        ])
        #expect(result.status == 0 && result.stderr == "")
        #expect(!result.stdout.isEmpty && result.stdout.hasSuffix("\n"))
    }

    @Test func exitsQuietlyWhenTheReaderClosesTheOutputLikeHead() throws {
        let server = try FixtureServer(session: "bitstamp-trades-loop")
        let result = try StreamerProcess.run(
            ["bitstamp", "trades", "btcusd", "--endpoint", server.endpoint, "-f", "jsonl"], closeStdoutAfterLines: 1)
        #expect(result.status == 0 && !result.timedOut)
        #expect(result.stderr == "")
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func reassemblesAFragmentedMessageWithAPingBetweenFragments() throws {
        let server = try FixtureServer(session: "bitstamp-fragmented")
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--endpoint", server.endpoint, "-f", "jsonl",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 1)
        let (status, log) = server.waitForExit()
        #expect(status == 0)
        #expect(log.contains { $0.hasPrefix("received pong") })
    }

    @Test func answersTheServersPing() throws {
        let server = try FixtureServer(session: "bitstamp-ping")
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--endpoint", server.endpoint, "-f", "jsonl",
        ])
        #expect(result.status == 0)
        let (status, log) = server.waitForExit()
        #expect(status == 0)
        #expect(log.contains("received pong hello"))
    }
}

/// `-o` capture as cron would run it.
@Suite(.timeLimit(.minutes(1)))
struct OutputFileEndToEndTests {
    @Test func appendsToACSVFileWithOneHeaderAcrossRuns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("streamer-o-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("trades.csv").path
        for _ in 0..<2 {
            let server = try FixtureServer(session: "bitstamp-trades")
            let result = try StreamerProcess.run([
                "bitstamp", "trades", "btcusd", "-o", path, "-n", "3", "--endpoint", server.endpoint,
            ])
            #expect(result.status == 0 && result.stdout == "" && result.stderr == "")
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines.filter { $0.hasPrefix("exchange,") }.count == 1)
    }

    @Test func refusesADirectoryAsTheOutputWith64() throws {
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "-o", FileManager.default.temporaryDirectory.path,
        ])
        #expect(result.status == 64 && result.stdout == "")
        #expect(result.stderr.contains("is a directory"))
    }

    @Test func exits74NamingAFileThatCannotBeWritten() throws {
        let server = try FixtureServer(session: "bitstamp-trades")
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "-o", "/proc/streamer-cannot-write.jsonl", "--endpoint", server.endpoint,
        ])
        #expect(result.status == 74)
        #expect(result.stderr.hasPrefix("streamer: cannot write to '/proc/streamer-cannot-write.jsonl': "))
    }

    @Test func refusesAnUnknownFieldListingTheValidOnes() throws {
        let result = try StreamerProcess.run(["bitstamp", "trades", "btcusd", "--fields", "ts,prcie"])
        #expect(result.status == 64 && result.stdout == "")
        #expect(
            result.stderr
                == "streamer: unknown field 'prcie'; valid fields: type,exchange,market,ts,recv,id,price,amount,side,buy_order_id,sell_order_id (see 'streamer --help')\n"
        )
    }

    @Test func splitsMixedTypesIntoFilesForCSV() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "streamer-type-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try FixtureServer(session: "bitstamp-orders")
        let result = try StreamerProcess.run([
            "bitstamp", "orders", "btcusd", "-f", "csv", "-o", directory.appendingPathComponent("{type}.csv").path,
            "--endpoint", server.endpoint,
        ])
        #expect(result.status == 0)
        let orders = try String(contentsOfFile: directory.appendingPathComponent("order.csv").path, encoding: .utf8)
        #expect(orders.split(separator: "\n").count == 6)
    }
}

import Foundation
import Testing

/// Every Bitvavo channel and action streamed by the real binary from fixture-exchange.
@Suite(.timeLimit(.minutes(1)))
struct BitvavoEndToEndTests {
    /// Runs `streamer bitvavo <arguments> --endpoint <fixture>` against `session`; the fixture must be satisfied.
    private func run(_ session: String, _ arguments: [String]) throws -> ProcessResult {
        let server = try FixtureServer(session: session)
        let result = try StreamerProcess.run(["bitvavo"] + arguments + ["--endpoint", server.endpoint])
        let (status, log) = server.waitForExit()
        #expect(status == 0, "fixture log: \(log)")
        return result
    }

    @Test(arguments: [
        ("bitvavo-trades", ["trades", "btceur"], "trades"),
        ("bitvavo-ticker", ["ticker", "BTC-EUR"], "ticker"),
        ("bitvavo-ticker24h", ["ticker24h", "btc/eur"], "ticker24h"),
        ("bitvavo-candles", ["candles", "BTC-EUR", "--interval", "1m"], "candles"),
        ("bitvavo-book", ["book", "BTC-EUR", "--depth", "3"], "book"),
    ])
    func streamsTheChannel(session: String, arguments: [String], golden: String) throws {
        let jsonl = try run(session, arguments + ["-f", "jsonl"])
        #expect(jsonl.status == 0 && !jsonl.timedOut)
        try EndToEndGolden.check(OutputNormalizer.jsonLines(jsonl.stdout), "bitvavo-\(golden).jsonl")
        let csv = try run(session, arguments + ["-f", "csv"])
        #expect(csv.status == 0)
        try EndToEndGolden.check(OutputNormalizer.csv(csv.stdout), "bitvavo-\(golden).csv")
        let table = try run(session, arguments + ["-f", "table"])
        #expect(table.status == 0)
        #expect(table.stdout.split(separator: "\n").count >= 2)
    }

    @Test func resyncsTheBookOnANonceGapAndOnAMatchingEngineRestart() throws {
        let result = try run("bitvavo-book", ["book", "BTC-EUR", "--depth", "3", "-f", "jsonl"])
        let gaps = result.stdout.split(separator: "\n").filter { $0.contains(#""type":"gap""#) }
        #expect(gaps.count == 2 && gaps.allSatisfy { $0.contains(#""reason":"sequence""#) })
        #expect(
            result.stderr == """
                streamer: BTC-EUR book nonce jumped from 102 to 104; resyncing
                streamer: BTC-EUR book nonce jumped from 105 to 3; resyncing

                """)
    }

    @Test func exits76WithTheErrorTextOfARefusedSubscription() throws {
        let result = try run("bitvavo-error", ["trades", "BTC-EUR"])
        #expect(result.status == 76)
        #expect(
            result.stderr
                == "streamer: bitvavo refused 'subscribe': channel.name parameter is invalid. (error 205, invalid parameter value)\n"
        )
    }

    @Test func refusesAMarketBitvavoDoesNotListWithSuggestions() throws {
        let server = try FixtureServer(session: "bitvavo-trades")
        let result = try StreamerProcess.run(["bitvavo", "trades", "BTC-EUT", "--endpoint", server.endpoint])
        #expect(result.status == 64 && result.stdout == "")
        #expect(
            result.stderr
                == "streamer: bitvavo has no market 'BTC-EUT'; did you mean 'BTC-EUR'? (see 'streamer --help')\n")
    }

    @Test func warnsAboutAHaltedMarket() throws {
        let server = try FixtureServer(session: "bitvavo-trades", once: false)
        defer { server.stop() }
        let result = try StreamerProcess.run([
            "bitvavo", "trades", "WMTX-EUR", "--endpoint", server.endpoint, "-n", "1", "-d", "1s",
        ])
        #expect(result.stderr.hasPrefix("streamer: WMTX-EUR is bitvavo-listed but not trading; expect silence\n"))
    }

    @Test(arguments: [
        ("markets", ["markets"]), ("assets", ["assets"]), ("time", ["time"]),
        ("book", ["book", "BTC-EUR", "--depth", "3"]),
        ("trades", ["trades", "BTC-EUR", "--limit", "2"]), ("ticker", ["ticker", "BTC-EUR"]),
        ("ticker-book", ["ticker-book", "BTC-EUR"]), ("ticker24h", ["ticker24h", "BTC-EUR"]),
        ("candles", ["candles", "BTC-EUR", "--limit", "2"]),
    ])
    func answersTheAction(name: String, arguments: [String]) throws {
        let jsonl = try run("bitvavo-get-\(name)", ["get"] + arguments + ["-f", "jsonl"])
        #expect(jsonl.status == 0 && jsonl.stderr == "")
        try EndToEndGolden.check(OutputNormalizer.jsonLines(jsonl.stdout), "bitvavo-get-\(name).jsonl")
        let csv = try run("bitvavo-get-\(name)", ["get"] + arguments + ["-f", "csv"])
        #expect(csv.status == 0)
        try EndToEndGolden.check(OutputNormalizer.csv(csv.stdout), "bitvavo-get-\(name).csv")
    }

    @Test func exits76WithTheTextOfAnActionError() throws {
        let result = try run("bitvavo-get-error", ["get", "book", "WMTX-EUR"])
        #expect(result.status == 76 && result.stdout == "")
        #expect(
            result.stderr
                == "streamer: bitvavo refused 'getBook': getBook is not available for WMTX-EUR in state HALTED (error 431, market halted)\n"
        )
    }
}

import Foundation
import Testing

/// `streamer bitstamp get ...`: one REST request, events printed like streamed ones, then exit.
@Suite(.timeLimit(.minutes(1)))
struct BitstampQueriesEndToEndTests {
    private func get(_ arguments: [String]) throws -> ProcessResult {
        let server = try FixtureServer(session: "bitstamp-rest-queries", once: false)
        defer { server.stop() }
        return try StreamerProcess.run(
            ["bitstamp", "get"] + arguments + ["--rest-endpoint", "http://127.0.0.1:\(server.port)"])
    }

    @Test(arguments: [
        (["markets"], "markets"), (["ticker", "btcusd"], "ticker"), (["book", "btcusd", "--depth", "3"], "book"),
        (["trades", "btcusd", "--limit", "2"], "trades"), (["candles", "btcusd", "--limit", "2"], "candles"),
    ])
    func printsTheQueryAsJSONLines(arguments: [String], golden: String) throws {
        let result = try get(arguments + ["-f", "jsonl"])
        #expect(result.status == 0 && result.stderr == "")
        try EndToEndGolden.check(OutputNormalizer.jsonLines(result.stdout), "bitstamp-get-\(golden).jsonl")
    }

    @Test func printsTheTickerAsATable() throws {
        let result = try get(["ticker", "btcusd", "-f", "table"])
        #expect(result.status == 0)
        try EndToEndGolden.check(result.stdout, "bitstamp-get-ticker-table.txt")
    }

    @Test func reportsAnHTTPErrorWithTheServersMessage() throws {
        let result = try get(["book", "foo-xyz"])
        #expect(result.status == 69)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("streamer: ") && result.stderr.contains("404"))
    }

    @Test func needsAMarketForEveryQueryButMarkets() throws {
        let result = try StreamerProcess.run(["bitstamp", "get", "ticker"])
        #expect(result.status == 64 && result.stdout == "")
        #expect(
            result.stderr == "streamer: missing market after 'get ticker' (e.g. 'btcusd') (see 'streamer --help')\n")
    }
}

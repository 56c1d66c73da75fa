import Testing

@testable import StreamerCore

/// The command-line grammar: good argv become a validated `Invocation`, bad argv a precise `UsageError`.
struct InvocationTests {
    private func stream(_ arguments: [String]) throws -> StreamRequest {
        guard case .stream(let request) = try Invocation.parse(arguments).command else {
            Issue.record("not a stream command")
            throw UsageError.missingArgument("stream")
        }
        return request
    }

    @Test func parsesTheSeedCommandWithTheLivetradesAlias() throws {
        let request = try stream(["bitstamp", "livetrades", "btcusd"])
        #expect(request.exchange == .bitstamp && request.channels == [.trades])
        #expect(request.markets.map(\.symbol) == ["BTC-USD"])
        #expect(request.format == nil && request.count == nil && request.duration == nil)
        #expect(request.tls == TLSOptions() && request.maxMessageSize == 16 << 20)
    }

    @Test(arguments: ["trades", "live_trades", "livetrades", "TRADES"])
    func acceptsEveryTradesSpelling(channel: String) throws {
        #expect(try stream(["bitstamp", channel, "btcusd"]).channels == [.trades])
    }

    @Test func parsesEveryOptionInBothSpellings() throws {
        let request = try stream([
            "bitstamp", "trades", "btcusd", "BTC-EUR", "eth/usd", "-f", "csv", "--count=5", "-d", "1h30m",
            "--endpoint", "wss://127.0.0.1:9443/x", "--cacert", "ca.pem", "--max-message-size", "1MiB", "--color",
            "never", "-v",
        ])
        #expect(request.markets.map(\.symbol) == ["BTC-USD", "BTC-EUR", "ETH-USD"])
        #expect(request.format == .csv && request.count == 5 && request.duration == .seconds(5400))
        #expect(request.endpoint == WebSocketURL("wss://127.0.0.1:9443/x"))
        #expect(request.tls == TLSOptions(extraCAFile: "ca.pem") && request.maxMessageSize == 1 << 20)
        #expect(request.color == .never && request.verbose && !request.quiet)
    }

    @Test func keepsOptionsAnywhereAndDropsDuplicateMarkets() throws {
        let request = try stream(["-n", "3", "bitstamp", "--insecure", "trades", "btcusd", "BTC-USD"])
        #expect(request.count == 3 && request.tls.insecure && request.markets.count == 1)
    }

    @Test(
        arguments: [
            ([], Invocation.Command.help), (["--help"], .help), (["bitstamp", "-h"], .help), (["-V"], .version),
            (["exchanges"], .exchanges), (["channels", "bitstamp"], .channels(.bitstamp)),
        ] as [([String], Invocation.Command)])
    func parsesTheInformationalCommands(arguments: [String], command: Invocation.Command) throws {
        #expect(try Invocation.parse(arguments).command == command)
    }

    @Test(
        arguments: [
            (["--fromat", "csv"], "unknown option '--fromat'; did you mean '--format'?"),
            (["bitstamp", "tardes", "btcusd"], "unknown channel 'tardes' for bitstamp; did you mean 'trades'?"),
            (["bitstmp", "trades", "btcusd"], "unknown exchange 'bitstmp'; did you mean 'bitstamp'?"),
            (["krakn", "trades", "btcusd"], "unknown exchange 'krakn'; known: bitstamp, bitvavo"),
            (["bitstamp"], "missing channel after 'bitstamp' (see 'streamer channels bitstamp')"),
            (["bitstamp", "trades"], "missing market after 'trades' (e.g. 'btcusd')"),
            (["bitstamp", "trades", "b"], "invalid market 'b' for bitstamp; write it like 'btcusd' or 'BTC-USD'"),
            (
                ["bitvavo", "trades", "BTC-EUR-PERP"],
                "invalid market 'BTC-EUR-PERP' for bitvavo; write it like 'BTC-EUR'"
            ),
            (
                ["bitvavo", "funding", "BTC-EUR"],
                "bitvavo has no 'funding' channel in this version; available: trades, ticker, ticker24h, candles, book"
            ),
            (
                ["bitstamp", "trades", "btcusd", "-n", "0"],
                "invalid value '0' for --count; expected a positive whole number"
            ),
            (["bitstamp", "trades", "btcusd", "-n"], "option '--count' needs a value"),
            (
                ["bitstamp", "trades", "btcusd", "-d", "5x"],
                "invalid value '5x' for --duration; expected a time like 90s, 10m, 2h or 1h30m"
            ),
            (
                ["bitstamp", "trades", "btcusd", "-f", "xml"],
                "invalid value 'xml' for --format; expected table, jsonl or csv"
            ),
            (
                ["bitstamp", "trades", "btcusd", "--endpoint", "http://x"],
                "invalid value 'http://x' for --endpoint; expected a ws:// or wss:// URL"
            ),
            (["bitstamp", "trades", "btcusd", "--insecure=yes"], "option '--insecure' takes no value"),
            (
                ["bitstamp", "trades", "btcusd", "--insecure", "--cacert", "x"],
                "options '--insecure' and '--cacert' cannot be used together"
            ),
            (
                ["bitstamp", "trades", "btcusd", "-v", "-q"],
                "options '--verbose' and '--quiet' cannot be used together"
            ),
            (
                ["bitstamp", "trades", "btcusd", "--max-message-size", "12"],
                "invalid value '12' for --max-message-size; expected a size from 1KiB to 1GiB, e.g. 16MiB"
            ),
            (["channels"], "missing exchange after 'channels' (e.g. 'streamer channels bitstamp')"),
            (["bitstamp", "trades", "btcusd", "--verify"], "option '--verify' only applies to the 'book' channel"),
            (
                ["bitstamp", "book", "btcusd", "--depth", "0"],
                "invalid value '0' for --depth; expected a number of levels from 1 to 1000"
            ),
            (
                ["bitstamp", "candles", "btcusd", "--interval", "7m"],
                "invalid value '7m' for --interval; expected 1m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d"
            ),
            (
                ["bitstamp", "trades,orders", "btcusd", "-f", "csv"],
                "CSV holds one event type per file, but 'trades,orders' print several; use --format jsonl, one channel per run, or -o with a {type} placeholder"
            ),
            (["bitstamp", "get"], "missing what to get: markets, ticker, book, trades, candles"),
            (
                ["bitstamp", "get", "tickr", "btcusd"],
                "unknown query 'tickr' for bitstamp; did you mean 'ticker'?; one of: markets, ticker, book, trades, candles"
            ),
            (["bitstamp", "get", "markets", "btcusd"], "unexpected argument 'btcusd'"),
            (
                ["bitstamp", "get", "trades", "btcusd", "--limit", "0"],
                "invalid value '0' for --limit; expected a number from 1 to 1000"
            ),
            (
                ["bitstamp", "get", "assets"],
                "unknown query 'assets' for bitstamp; did you mean 'markets'?; one of: markets, ticker, book, trades, candles"
            ),
            (["bitvavo", "get", "book"], "missing market after 'get book' (e.g. 'BTC-EUR')"),
            (["exchanges", "x"], "unexpected argument 'x'"),
        ] as [([String], String)])
    func rejectsBadArgumentsWithAOneLineExplanation(arguments: [String], message: String) {
        #expect {
            _ = try Invocation.parse(arguments)
        } throws: { error in
            (error as? UsageError)?.description == message
        }
    }

    @Test func parsesTheBookOptions() throws {
        let request = try stream([
            "bitstamp", "book,ticker", "btcusd", "--depth", "5", "--throttle", "250ms", "--verify",
        ])
        #expect(request.channels == [.book, .ticker] && request.depth == 5 && request.verify)
        #expect(request.throttle == .milliseconds(250))
        #expect(request.subscriptions.count == 2)
    }

    @Test func parsesAOneShotQueryWithItsOptions() throws {
        let invocation = try Invocation.parse([
            "bitstamp", "get", "candles", "BTC-USD", "--interval", "5m", "--limit", "3", "--rest-endpoint",
            "http://127.0.0.1:8080",
        ])
        guard case .query(let query) = invocation.command else {
            Issue.record("not a query")
            return
        }
        #expect(query.kind == .candles && query.market?.symbol == "BTC-USD" && query.limit == 3)
        #expect(query.interval.name == "5m" && query.restEndpoint == HTTPURL("http://127.0.0.1:8080"))
    }

    @Test func derivesTheRESTOriginOfAQueryFromTheWebSocketEndpoint() throws {
        guard
            case .query(let query) = try Invocation.parse([
                "bitstamp", "get", "markets", "--endpoint", "wss://127.0.0.1:9443",
            ]).command
        else {
            Issue.record("not a query")
            return
        }
        #expect(query.restEndpoint == HTTPURL("https://127.0.0.1:9443"))
    }

    @Test(arguments: [
        ("90s", 90_000), ("500ms", 500), ("10m", 600_000), ("2h", 7_200_000), ("1h30m", 5_400_000), ("45", 45_000),
    ])
    func parsesDurations(text: String, milliseconds: Int64) {
        #expect(ValueParsers.duration(text) == .milliseconds(milliseconds))
    }

    @Test(arguments: ["", "0s", "s", "1h30", "-5s", "1.5h", "10y"])
    func rejectsMalformedDurations(text: String) {
        #expect(ValueParsers.duration(text) == nil)
    }

    @Test func suggestsTheClosestCandidateOnlyWhenItIsPlausible() {
        #expect(Suggestion.closest(to: "tardes", among: ["trades", "ticker"]) == "trades")
        #expect(Suggestion.closest(to: "zzzzzz", among: ["trades", "ticker"]) == nil)
        #expect(Suggestion.editDistance(Array("ab".utf8), Array("ba".utf8)) == 1)
    }
}

/// What to check before subscribing over the socket (Bitvavo: `getMarkets`, cached on disk like Bitstamp's list).
public struct SocketMarketCheck: Sendable {
    /// The markets to check.
    public var markets: [Market]
    /// The cache file for the reply, nil to disable caching.
    public var cacheFile: String?

    /// A check of `markets`, cached in `cacheFile`.
    public init(markets: [Market], cacheFile: String?) {
        self.markets = markets
        self.cacheFile = cacheFile
    }
}

extension StreamSession {
    /// Checks the markets against the exchange's list before subscribing: unknown ones end the run with exit 64
    /// and suggestions, halted ones get a warning (Bitvavo acknowledges them and then stays silent, B.0).
    func preflight(_ check: SocketMarketCheck, on client: WebSocketClient) throws {
        let now = Platform.wallClockNanoseconds() / 1_000_000_000
        var listed: [ListedMarket]?
        if let file = check.cacheFile, let age = FileSystem.age(file, now: now), age >= 0,
            age < MarketListSource.cacheSeconds,
            let bytes = FileSystem.read(file), let markets = try? Bitvavo.decodeMarketsReply(bytes)
        {
            diagnostics.note("using the market list cached \(age) s ago in \(file)")
            listed = markets
        }
        if listed == nil {
            listed = try fetchMarkets(on: client, cacheFile: check.cacheFile)
        }
        guard let listed else { return }
        let (unknown, halted) = MarketCheck.check(check.markets, on: plan.exchange, listed: listed)
        if let first = unknown.first {
            client.close(.normal)
            throw UsageError.unknownMarket(first.wireSymbol, exchange: plan.exchange, suggestions: first.suggestions)
        }
        for market in halted {
            diagnostics.warning("\(market) is \(plan.exchange.name)-listed but not trading; expect silence")
        }
    }

    /// Sends `getMarkets` and waits up to 10 s for its reply; nil (with a warning) when none comes.
    private func fetchMarkets(on client: WebSocketClient, cacheFile: String?) throws -> [ListedMarket]? {
        try client.send(text: Bitvavo.getMarketsMessage(requestId: 0))
        let deadline = Platform.monotonicNanoseconds() + 10_000_000_000
        while Platform.monotonicNanoseconds() < deadline {
            let remaining = Int32(clamping: (deadline - Platform.monotonicNanoseconds()) / 1_000_000)
            guard case .message(let message) = try client.next(timeoutMilliseconds: min(remaining, 250)) else {
                continue
            }
            guard let markets = try Bitvavo.decodeMarketsReply(message.bytes) else { continue }
            if let cacheFile, let reason = FileSystem.writeAtomically(message.bytes, to: cacheFile) {
                diagnostics.note("could not cache the market list in \(cacheFile): \(reason)")
            }
            return markets
        }
        diagnostics.warning("no reply to getMarkets within 10 s; continuing with unchecked markets")
        return nil
    }
}

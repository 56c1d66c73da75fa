/// Runs a one-shot query (Bitstamp: REST v2; Bitvavo: a WebSocket action) and returns its events.
public struct QueryRunner {
    /// The validated query.
    public let request: QueryRequest
    /// The REST origin.
    public let base: HTTPURL
    /// The HTTP client.
    public let client: HTTPClient

    /// A runner for `request` against `base`.
    public init(request: QueryRequest, base: HTTPURL, client: HTTPClient) {
        self.request = request
        self.base = base
        self.client = client
    }

    /// Fetches, decodes and returns the events to print, in order.
    public func events(now: Timestamp) throws -> [MarketEvent] {
        switch request.kind {
        case .markets, .ticker, .book, .trades, .candles: return try restEvents(now: now)
        case .assets, .time, .tickerBook, .ticker24h:
            throw UsageError.unknownQuery(request.kind.rawValue, exchange: request.exchange, suggestion: nil)
        }
    }

    /// A Bitstamp REST query.
    private func restEvents(now: Timestamp) throws -> [MarketEvent] {
        switch (request.kind, request.market) {
        case (.markets, _):
            let body = try client.get(base.appending(path: Bitstamp.restMarketsPath)).body
            return try Bitstamp.decodeMarketList(body).compactMap { listed in
                guard let market = listed.market else { return nil }
                let header = EventHeader(exchange: request.exchange, market: market, ts: nil, recv: now)
                return .market(
                    MarketInfo(
                        header: header, symbol: listed.wireSymbol, trading: listed.isTrading,
                        description: listed.description))
            }
        case (.ticker, let market?):
            let body = try client.get(base.appending(path: Bitstamp.restTickerPath(market))).body
            return [.ticker24h(try Bitstamp.decodeTicker(body, market: market, receivedAt: now))]
        case (.book, let market?):
            let url = base.appending(path: Bitstamp.restOrderBookPath(market), query: [("group", "1")])
            var book = try Bitstamp.decodeBookSnapshot(try client.get(url).body, market: market, receivedAt: now)
            let depth = request.depth ?? 10
            book.bids = Array(book.bids.prefix(depth))
            book.asks = Array(book.asks.prefix(depth))
            book.depth = depth
            return [.book(book)]
        case (.trades, let market?):
            let url = base.appending(path: Bitstamp.restTransactionsPath(market), query: [("time", "hour")])
            let trades = try Bitstamp.decodeTransactions(try client.get(url).body, market: market, receivedAt: now)
            return trades.suffix(request.limit).map(MarketEvent.trade)
        case (.candles, let market?):
            let url = base.appending(
                path: Bitstamp.restOHLCPath(market),
                query: [("step", String(request.interval.seconds)), ("limit", String(request.limit))])
            let body = try client.get(url).body
            return try Bitstamp.decodeOHLC(body, market: market, interval: request.interval, receivedAt: now)
                .map(MarketEvent.candle)
        case (_, nil), (.assets, _), (.time, _), (.tickerBook, _), (.ticker24h, _):
            throw UsageError.missingArgument("market for 'get \(request.kind.rawValue)'")
        }
    }
}

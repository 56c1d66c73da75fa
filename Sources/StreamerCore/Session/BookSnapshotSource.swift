/// Where a local book's snapshot comes from (Bitstamp: REST).
///
/// A protocol so sessions can be tested without HTTP.
public protocol BookSnapshotSource {
    /// A fresh snapshot of `market`'s book; `now` stamps it and busts caches.
    func snapshot(of market: Market, now: Timestamp) throws -> BookUpdate
}

/// Bitstamp's REST order book (`GET /api/v2/order_book/X/?group=1&_=<ms>`, exchange-messages.md A.5).
public struct BitstampSnapshotSource: BookSnapshotSource {
    /// The REST origin, for example `https://www.bitstamp.net`.
    public let base: HTTPURL
    /// The client (TLS options, timeouts).
    public let client: HTTPClient

    /// A source fetching from `base` with `client`.
    public init(base: HTTPURL, client: HTTPClient) {
        self.base = base
        self.client = client
    }

    public func snapshot(of market: Market, now: Timestamp) throws -> BookUpdate {
        // The edge caches the book for about a second; the cache-buster forces a fresh one (A.5).
        let url = base.appending(
            path: Bitstamp.restOrderBookPath(market), query: [("group", "1"), ("_", String(now.microseconds / 1_000))])
        let response = try client.get(url)
        return try Bitstamp.decodeBookSnapshot(response.body, market: market, receivedAt: now)
    }
}

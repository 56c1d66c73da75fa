/// Fetches an exchange's market list over REST, cached on disk briefly so cron runs do not refetch every minute.
public struct MarketListSource {
    /// How long a cached list is trusted.
    public static let cacheSeconds: Int64 = 15 * 60
    /// The REST origin.
    public let base: HTTPURL
    /// The client.
    public let client: HTTPClient
    /// The cache directory (`$XDG_CACHE_HOME/streamer` or `~/.cache/streamer`), nil to disable caching.
    public let cacheDirectory: String?

    /// A source for `base`.
    public init(base: HTTPURL, client: HTTPClient, cacheDirectory: String?) {
        self.base = base
        self.client = client
        self.cacheDirectory = cacheDirectory
    }

    /// The default cache directory from the environment.
    public static var defaultCacheDirectory: String? {
        if let xdg = Platform.environment("XDG_CACHE_HOME"), xdg.hasPrefix("/") { return xdg + "/streamer" }
        guard let home = Platform.environment("HOME"), !home.isEmpty else { return nil }
        return home + "/.cache/streamer"
    }

    /// Bitstamp's markets: from the cache when fresh, else from `trading-pairs-info` (then cached).
    ///
    /// `cacheNote` tells where the list came from (for `--verbose`).
    public func bitstampMarkets(note: (String) -> Void) throws -> [ListedMarket] {
        // The origin is part of the name, so lists from a test fixture or mirror never stand in for the real one.
        let file = cacheDirectory.map { "\($0)/bitstamp-markets-\(base.host)-\(base.port).json" }
        let now = Platform.wallClockNanoseconds() / 1_000_000_000
        if let file, let age = FileSystem.age(file, now: now), age >= 0, age < Self.cacheSeconds,
            let bytes = FileSystem.read(file), let markets = try? Bitstamp.decodeMarketList(bytes)
        {
            note("using the market list cached \(age) s ago in \(file)")
            return markets
        }
        let response = try client.get(base.appending(path: Bitstamp.restMarketsPath))
        let markets = try Bitstamp.decodeMarketList(response.body)
        if let file {
            if let reason = FileSystem.writeAtomically(response.body, to: file) {
                note("could not cache the market list in \(file): \(reason)")
            } else {
                note("cached the market list in \(file)")
            }
        }
        return markets
    }
}

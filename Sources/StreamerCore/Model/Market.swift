/// A trading pair in our canonical form, printed `BTC-USD` (perpetuals `BTC-USD-PERP`) for every exchange.
public struct Market: Hashable, Sendable, CustomStringConvertible {
    /// Base asset, uppercase (`BTC`).
    public let base: String
    /// Quote asset, uppercase (`USD`).
    public let quote: String
    /// Whether this is a perpetual contract (Bitstamp `btcusd-perp`).
    public let isPerpetual: Bool
    /// The printed form, computed once.
    public let symbol: String

    /// No market: account-wide events (settlements, liquidations); printed as null.
    public static let accountWide = Market(base: "", quote: "")

    /// Quote assets recognised when a market is typed without a separator (`btcusd`), longest first.
    static let knownQuotes = [
        "PYUSD", "RLUSD", "USDT", "USDC", "EURC", "EURT", "GUSD", "USD", "EUR", "GBP", "CHF", "BTC", "ETH", "PAX",
        "DAI", "JPY", "AUD", "CAD",
    ]

    /// A market from its parts (uppercased).
    public init(base: String, quote: String, isPerpetual: Bool = false) {
        self.base = base.uppercased()
        self.quote = quote.uppercased()
        self.isPerpetual = isPerpetual
        // An empty quote names a lone asset (`get assets`); both empty, no market at all (`get time`).
        self.symbol = self.quote.isEmpty ? self.base : "\(self.base)-\(self.quote)" + (isPerpetual ? "-PERP" : "")
    }

    /// Parses `BTC-USD`, `btc/usd`, `btc_usd`, `btcusd`, `btcusd-perp` or `BTC-USD-PERP`; nil if it cannot.
    public static func parse(_ text: String) -> Market? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }  // before uppercasing: "ß" would become "SS"
        var body = text.uppercased()
        var perpetual = false
        for suffix in ["-PERP", "_PERP", "/PERP"] where body.hasSuffix(suffix) {
            perpetual = true
            body = String(body.dropLast(suffix.count))
        }
        let parts = body.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "/" || $0 == "_" }
        if parts.count == 2 {
            guard isAsset(parts[0]), isAsset(parts[1]) else { return nil }
            return Market(base: String(parts[0]), quote: String(parts[1]), isPerpetual: perpetual)
        }
        guard parts.count == 1 else { return nil }
        for quote in knownQuotes where body.hasSuffix(quote) {
            let base = body.dropLast(quote.count)
            if isAsset(base) { return Market(base: String(base), quote: quote, isPerpetual: perpetual) }
        }
        return nil
    }

    /// Asset codes are 2–12 letters or digits.
    private static func isAsset(_ text: Substring) -> Bool {
        (2...12).contains(text.count) && text.allSatisfy { ($0.isLetter && $0.isASCII) || ($0.isNumber && $0.isASCII) }
    }

    public var description: String { symbol }
}

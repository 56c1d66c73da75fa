/// A trading pair in our canonical form, printed `BTC-USD` (perpetuals `BTC-USD-PERP`) for every exchange.
///
/// Its parts live in one immutable object that every copy shares: every event carries a market, and copying or
/// destroying one retains or releases a single reference instead of three strings.
public struct Market: Hashable, Sendable, CustomStringConvertible {
    /// The parts of a market, never changed after it is made.
    private final class Parts: Sendable {
        let base: String
        let quote: String
        let isPerpetual: Bool
        let symbol: String

        /// The parts, with the printed form computed once.
        init(base: String, quote: String, isPerpetual: Bool) {
            self.base = base
            self.quote = quote
            self.isPerpetual = isPerpetual
            // An empty quote names a lone asset (`get assets`); both empty, no market at all (`get time`).
            self.symbol = quote.isEmpty ? base : "\(base)-\(quote)" + (isPerpetual ? "-PERP" : "")
        }
    }

    private let parts: Parts
    /// Base asset, uppercase (`BTC`).
    public var base: String { parts.base }
    /// Quote asset, uppercase (`USD`).
    public var quote: String { parts.quote }
    /// Whether this is a perpetual contract (Bitstamp `btcusd-perp`).
    public var isPerpetual: Bool { parts.isPerpetual }
    /// The printed form, computed once.
    public var symbol: String { parts.symbol }

    /// No market: account-wide events (settlements, liquidations); printed as null.
    public static let accountWide = Market(base: "", quote: "")

    /// Quote assets recognised when a market is typed without a separator (`btcusd`), longest first.
    static let knownQuotes = [
        "PYUSD", "RLUSD", "USDT", "USDC", "EURC", "EURT", "GUSD", "USD", "EUR", "GBP", "CHF", "BTC", "ETH", "PAX",
        "DAI", "JPY", "AUD", "CAD",
    ]

    /// A market from its parts (uppercased).
    public init(base: String, quote: String, isPerpetual: Bool = false) {
        parts = Parts(base: base.uppercased(), quote: quote.uppercased(), isPerpetual: isPerpetual)
    }

    /// Markets are equal when their parts are, whether or not they share them.
    public static func == (lhs: Market, rhs: Market) -> Bool {
        lhs.parts === rhs.parts
            || (lhs.base == rhs.base && lhs.quote == rhs.quote && lhs.isPerpetual == rhs.isPerpetual)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(base)
        hasher.combine(quote)
        hasher.combine(isPerpetual)
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

/// Checks requested markets against the exchange's list (Bitstamp acknowledges unknown markets, then stays silent).
public enum MarketCheck {
    /// A requested market the exchange does not list, with the closest listed symbols.
    public struct Unknown: Equatable, Sendable {
        /// What the user asked for, in the exchange's spelling.
        public var wireSymbol: String
        /// Up to three plausible listed symbols.
        public var suggestions: [String]
    }

    /// The markets the exchange does not list, and those it lists as not trading.
    public static func check(_ markets: [Market], on exchange: ExchangeID, listed: [ListedMarket])
        -> (unknown: [Unknown], halted: [Market])
    {
        let symbols = Dictionary(listed.map { ($0.wireSymbol, $0) }, uniquingKeysWith: { first, _ in first })
        var unknown: [Unknown] = []
        var halted: [Market] = []
        for market in markets {
            let symbol = exchange.wireSymbol(market)
            guard let entry = symbols[symbol] else {
                unknown.append(
                    Unknown(wireSymbol: symbol, suggestions: suggestions(for: symbol, among: listed.map(\.wireSymbol))))
                continue
            }
            if !entry.isTrading { halted.append(market) }
        }
        return (unknown, halted)
    }

    /// The listed symbols closest to `symbol` by edit distance, at most three, only plausible ones.
    static func suggestions(for symbol: String, among symbols: [String]) -> [String] {
        let wanted = Array(symbol.lowercased().utf8)
        let limit = max(1, min(3, wanted.count / 3))
        var scored: [(symbol: String, distance: Int)] = []
        for candidate in symbols {
            let distance = Suggestion.editDistance(wanted, Array(candidate.lowercased().utf8))
            if distance <= limit { scored.append((candidate, distance)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.symbol < $1.symbol }
        return scored.prefix(3).map(\.symbol)
    }
}

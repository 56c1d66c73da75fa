import Testing

@testable import StreamerCore

/// Parsing the market spellings users type, and printing the canonical symbol.
@Suite struct MarketTests {
    /// One spelling a user may type and the market it means.
    struct Spelling: Sendable, CustomTestStringConvertible {
        /// What the user typed.
        let input: String
        /// The expected base asset.
        let base: String
        /// The expected quote asset.
        let quote: String
        /// Whether the market is a perpetual.
        let perpetual: Bool
        /// The expected printed form.
        let symbol: String

        var testDescription: String { "\(input) → \(symbol)" }
    }

    static let spellings: [Spelling] = [
        Spelling(input: "btcusd", base: "BTC", quote: "USD", perpetual: false, symbol: "BTC-USD"),
        Spelling(input: "BTC-USD", base: "BTC", quote: "USD", perpetual: false, symbol: "BTC-USD"),
        Spelling(input: "btc/usd", base: "BTC", quote: "USD", perpetual: false, symbol: "BTC-USD"),
        Spelling(input: "btc_usd", base: "BTC", quote: "USD", perpetual: false, symbol: "BTC-USD"),
        Spelling(input: "btcusd-perp", base: "BTC", quote: "USD", perpetual: true, symbol: "BTC-USD-PERP"),
        Spelling(input: "BTC-USD-PERP", base: "BTC", quote: "USD", perpetual: true, symbol: "BTC-USD-PERP"),
        Spelling(input: "btc_usd_perp", base: "BTC", quote: "USD", perpetual: true, symbol: "BTC-USD-PERP"),
        Spelling(input: "usdcusd", base: "USDC", quote: "USD", perpetual: false, symbol: "USDC-USD"),
        Spelling(input: "btcusdt", base: "BTC", quote: "USDT", perpetual: false, symbol: "BTC-USDT"),
        Spelling(input: "btcpyusd", base: "BTC", quote: "PYUSD", perpetual: false, symbol: "BTC-PYUSD"),
        Spelling(input: "BTC-EUR", base: "BTC", quote: "EUR", perpetual: false, symbol: "BTC-EUR"),
        Spelling(input: "ethbtc", base: "ETH", quote: "BTC", perpetual: false, symbol: "ETH-BTC"),
        Spelling(input: "Eth-Eur", base: "ETH", quote: "EUR", perpetual: false, symbol: "ETH-EUR"),
        Spelling(
            input: "abcdefghijkl-eur", base: "ABCDEFGHIJKL", quote: "EUR", perpetual: false, symbol: "ABCDEFGHIJKL-EUR"),
        Spelling(input: "1inch-eur", base: "1INCH", quote: "EUR", perpetual: false, symbol: "1INCH-EUR"),
    ]

    /// Text that names no market: too short, too many parts, empty parts, non-ASCII, no known quote.
    static let rejected = [
        "", "btc", "b-usd", "btc-usd-eur", "btc--usd", "₿-usd", "btc-", "-usd", "btc usd", "btc-usd ", "-perp",
        "btc-perp", "btcxyz", "usd", "btc-abcdefghijklm", "é-usd", "ébtc-usd",
    ]

    @Test(arguments: spellings)
    func parsesEverySupportedSpelling(_ spelling: Spelling) throws {
        let market = try #require(Market.parse(spelling.input))
        #expect(market.base == spelling.base)
        #expect(market.quote == spelling.quote)
        #expect(market.isPerpetual == spelling.perpetual)
        #expect(market.symbol == spelling.symbol)
    }

    @Test(arguments: rejected)
    func rejectsTextThatNamesNoMarket(_ text: String) {
        #expect(Market.parse(text) == nil)
    }

    @Test func printsUppercaseBaseDashQuote() {
        let market = Market(base: "eth", quote: "eur")
        #expect(market.symbol == "ETH-EUR")
        #expect(market.description == "ETH-EUR")
        #expect("\(market)" == "ETH-EUR")
    }

    @Test func printsPerpetualsWithAPerpSuffix() {
        #expect(Market(base: "btc", quote: "usd", isPerpetual: true).symbol == "BTC-USD-PERP")
    }

    @Test func treatsEverySpellingOfOneMarketAsEqual() throws {
        let spellings = try ["btcusd", "BTC-USD", "btc/usd", "btc_usd"].map { try #require(Market.parse($0)) }
        #expect(Set(spellings).count == 1)
        #expect(spellings.first == Market(base: "BTC", quote: "USD"))
        #expect(Market.parse("btcusd-perp") != Market.parse("btcusd"))
    }

    @Test func tellsMarketsApartByEveryPart() {
        let spot = Market(base: "BTC", quote: "USD")
        let markets = [
            spot, Market(base: "BTC", quote: "USD", isPerpetual: true), Market(base: "BTC", quote: "EUR"),
            Market(base: "ETH", quote: "USD"), Market(base: "BTCU", quote: "SD"), .accountWide,
        ]
        #expect(Set(markets).count == markets.count)
        #expect(markets.filter { $0 == spot }.count == 1)
        let copy = spot
        #expect(copy == spot && copy.hashValue == Market(base: "btc", quote: "usd").hashValue)
    }

    @Test func listsLongerQuotesBeforeTheirSuffixes() {
        for (index, quote) in Market.knownQuotes.enumerated() {
            let later = Market.knownQuotes[(index + 1)...]
            let shadowed = later.filter { $0 != quote && $0.hasSuffix(quote) }
            #expect(shadowed.isEmpty, "\(quote) is listed before the longer \(shadowed)")
        }
    }

    // Market.parse uppercases before it validates, and String.uppercased() can turn one non-ASCII letter into
    // ASCII letters ("ß" → "SS", the ligature "ﬁ" → "FI"), so text the user never typed as ASCII becomes a market.
    @Test(arguments: ["ßtc-usd", "ﬁl-usd", "ﬁlusd"])
    func rejectsNonASCIILettersThatUppercaseToASCII(_ text: String) {
        #expect(Market.parse(text) == nil)
    }
}

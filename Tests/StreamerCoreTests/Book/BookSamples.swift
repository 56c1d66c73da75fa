import Testing

@testable import StreamerCore

/// Builders that turn text into book values, failing the test on text outside the `DecimalString` grammar.
enum BookSamples {
    /// A decimal that must be valid.
    static func decimal(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> DecimalString {
        try #require(DecimalString(text), "not a decimal: '\(text)'", sourceLocation: sourceLocation)
    }

    /// A price key for text that must be valid and representable.
    static func key(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> PriceKey {
        let value = try decimal(text, sourceLocation: sourceLocation)
        return try #require(PriceKey(value), "no key for '\(text)'", sourceLocation: sourceLocation)
    }

    /// Levels from `(price, amount)` text pairs, in the order given.
    static func levels(
        _ pairs: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [BookLevel] {
        try pairs.map { price, amount in
            BookLevel(
                price: try decimal(price, sourceLocation: sourceLocation),
                amount: try decimal(amount, sourceLocation: sourceLocation))
        }
    }

    /// The `[price, amount]` texts of levels, for readable expectations.
    static func texts(_ levels: [BookLevel]) -> [[String]] {
        levels.map { [$0.price.text, $0.amount.text] }
    }
}

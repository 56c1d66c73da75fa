/// A perpetual's funding rate with mark and index prices (`type: funding`).
public struct Funding: Equatable, Sendable {
    /// Common fields.
    public var header: EventHeader
    /// Funding rate per period (fraction, exact).
    public var rate: DecimalString
    /// Mark price.
    public var markPrice: DecimalString?
    /// Index price.
    public var indexPrice: DecimalString?
    /// When the next funding happens.
    public var nextFundingTime: Timestamp?

    /// A funding event with every field.
    public init(
        header: EventHeader, rate: DecimalString, markPrice: DecimalString?, indexPrice: DecimalString?,
        nextFundingTime: Timestamp?
    ) {
        self.header = header
        self.rate = rate
        self.markPrice = markPrice
        self.indexPrice = indexPrice
        self.nextFundingTime = nextFundingTime
    }
}

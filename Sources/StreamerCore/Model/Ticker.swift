/// Best bid and ask with sizes (`type: ticker`), and the last price when known.
public struct Ticker: Equatable, Sendable {
    /// Common fields.
    public var header: EventHeader
    /// Best bid price.
    public var bid: DecimalString?
    /// Size at the best bid.
    public var bidSize: DecimalString?
    /// Best ask price.
    public var ask: DecimalString?
    /// Size at the best ask.
    public var askSize: DecimalString?
    /// Last trade price, when the exchange sends it.
    public var last: DecimalString?

    /// A ticker with every field.
    public init(
        header: EventHeader, bid: DecimalString?, bidSize: DecimalString?, ask: DecimalString?,
        askSize: DecimalString?, last: DecimalString? = nil
    ) {
        self.header = header
        self.bid = bid
        self.bidSize = bidSize
        self.ask = ask
        self.askSize = askSize
        self.last = last
    }
}

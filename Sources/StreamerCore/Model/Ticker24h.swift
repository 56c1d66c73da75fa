/// Rolling 24-hour statistics (`type: ticker24h`).
public struct Ticker24h: Equatable, Sendable {
    /// Common fields.
    public var header: EventHeader
    /// Price 24 hours ago.
    public var open: DecimalString?
    /// Highest price in 24 hours.
    public var high: DecimalString?
    /// Lowest price in 24 hours.
    public var low: DecimalString?
    /// Last trade price.
    public var last: DecimalString?
    /// Base volume.
    public var volume: DecimalString?
    /// Quote volume.
    public var volumeQuote: DecimalString?
    /// Best bid.
    public var bid: DecimalString?
    /// Best ask.
    public var ask: DecimalString?

    /// 24-hour statistics with every field.
    public init(
        header: EventHeader, open: DecimalString?, high: DecimalString?, low: DecimalString?, last: DecimalString?,
        volume: DecimalString?, volumeQuote: DecimalString?, bid: DecimalString?, ask: DecimalString?
    ) {
        self.header = header
        self.open = open
        self.high = high
        self.low = low
        self.last = last
        self.volume = volume
        self.volumeQuote = volumeQuote
        self.bid = bid
        self.ask = ask
    }
}

/// A market the exchange lists (`type: market`, from `streamer <exchange> get markets`).
public struct MarketInfo: Equatable, Sendable {
    /// Common fields (`market` is the canonical form).
    public var header: EventHeader
    /// The exchange's own id.
    public var symbol: String
    /// Whether it trades now.
    public var trading: Bool
    /// The exchange's description.
    public var description: String?

    /// A listed market.
    public init(header: EventHeader, symbol: String, trading: Bool, description: String?) {
        self.header = header
        self.symbol = symbol
        self.trading = trading
        self.description = description
    }
}

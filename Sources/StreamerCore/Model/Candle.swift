/// An OHLCV candle (`type: candle`); `closed` is false for the candle still open when the run ended.
public struct Candle: Equatable, Sendable {
    /// Common fields.
    public var header: EventHeader
    /// The interval name (`1m`, `1h`).
    public var interval: String
    /// When the interval starts.
    public var start: Timestamp
    /// First trade price.
    public var open: DecimalString
    /// Highest price.
    public var high: DecimalString
    /// Lowest price.
    public var low: DecimalString
    /// Last trade price.
    public var close: DecimalString
    /// Base volume, summed exactly.
    public var volume: DecimalString
    /// Whether the interval is over.
    public var closed: Bool

    /// A candle with every field.
    public init(
        header: EventHeader, interval: String, start: Timestamp, open: DecimalString, high: DecimalString,
        low: DecimalString, close: DecimalString, volume: DecimalString, closed: Bool
    ) {
        self.header = header
        self.interval = interval
        self.start = start
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.closed = closed
    }
}

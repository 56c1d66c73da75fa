/// Builds OHLCV candles for one market from its trades, bucketed by the trades' exchange time.
///
/// A candle is printed when a trade of a later interval arrives or when the local clock passes its end plus a grace
/// period.
struct CandleAggregator: Sendable {
    private struct Building: Sendable {
        var start: Int64  // seconds
        var open: DecimalString
        var high: DecimalString
        var highKey: PriceKey
        var low: DecimalString
        var lowKey: PriceKey
        var close: DecimalString
        var volume = DecimalSum()
        var lastTrade: Timestamp?
        var lastRecv: Timestamp
    }

    let interval: CandleInterval
    let exchange: ExchangeID
    let market: Market
    /// How long after an interval's end the local clock waits for late trades before closing it.
    static let graceSeconds: Int64 = 2
    private var current: Building?
    /// The start of the last closed interval; trades before it come too late to count.
    private var closedThrough: Int64 = .min

    /// An aggregator for `market`.
    init(interval: CandleInterval, exchange: ExchangeID, market: Market) {
        self.interval = interval
        self.exchange = exchange
        self.market = market
    }

    /// Adds `trade`; returns the candle it closed, if any, or `.late` when the trade's interval is already printed.
    mutating func add(_ trade: Trade) -> (closed: Candle?, late: Bool) {
        let time = trade.header.ts ?? trade.header.recv
        let seconds = floorDiv(time.microseconds, 1_000_000)
        let start = floorDiv(seconds, interval.seconds) * interval.seconds
        guard start >= closedThrough, let key = PriceKey(trade.price) else { return (nil, true) }
        var closed: Candle?
        if let building = current, start > building.start {
            closed = candle(building, closed: true)
            closedThrough = start
            current = nil
        } else if let building = current, start < building.start {
            return (nil, true)
        }
        if current == nil {
            current = Building(
                start: start, open: trade.price, high: trade.price, highKey: key, low: trade.price, lowKey: key,
                close: trade.price, lastTrade: trade.header.ts, lastRecv: trade.header.recv)
        }
        current?.close = trade.price
        if let building = current, key > building.highKey {
            current?.high = trade.price
            current?.highKey = key
        }
        if let building = current, key < building.lowKey {
            current?.low = trade.price
            current?.lowKey = key
        }
        current?.volume.add(trade.amount)
        current?.lastTrade = trade.header.ts
        current?.lastRecv = trade.header.recv
        return (closed, false)
    }

    /// The open candle, closed, if `now` is past its end plus the grace period.
    mutating func close(ifEndedBy now: Timestamp) -> Candle? {
        guard let building = current else { return nil }
        let nowSeconds = floorDiv(now.microseconds, 1_000_000)
        guard nowSeconds >= building.start + interval.seconds + CandleAggregator.graceSeconds else { return nil }
        current = nil
        closedThrough = building.start + interval.seconds
        return candle(building, closed: true)
    }

    /// The open candle marked `closed: false`, for the end of a run.
    mutating func finish() -> Candle? {
        guard let building = current else { return nil }
        current = nil
        return candle(building, closed: false)
    }

    private func candle(_ building: Building, closed: Bool) -> Candle {
        Candle(
            header: EventHeader(exchange: exchange, market: market, ts: building.lastTrade, recv: building.lastRecv),
            interval: interval.name, start: Timestamp(building.start, .seconds), open: building.open,
            high: building.high,
            low: building.low, close: building.close, volume: building.volume.decimal, closed: closed)
    }

    private func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

extension ExchangeID {
    /// The adapter for this exchange, set up for `subscriptions`.
    public func adapter(
        for subscriptions: [Subscription], verifyBooks: Bool = false, interval: CandleInterval = .oneMinute
    ) -> any ExchangeAdapter {
        switch self {
        case .bitstamp: Bitstamp(subscriptions: subscriptions, verifyBooks: verifyBooks)
        case .bitvavo: Bitvavo(subscriptions: subscriptions, interval: interval)
        }
    }

    /// The channels this build can stream from this exchange.
    public var streamableChannels: [Channel] {
        switch self {
        case .bitstamp: Bitstamp.streamableChannels
        case .bitvavo: Bitvavo.streamableChannels
        }
    }

    /// How a market is spelled on this exchange's wire (`btcusd`, `BTC-EUR`).
    public func wireSymbol(_ market: Market) -> String {
        switch self {
        case .bitstamp: Bitstamp.wireSymbol(market)
        case .bitvavo: Bitvavo.wireSymbol(market)
        }
    }
}

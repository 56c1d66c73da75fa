extension Bitstamp {
    /// A `live_trades_X` `trade` event (A.3): exact `price_str`/`amount_str`, µs `microtimestamp`, `type` 0 buy / 1 sell
    /// (the taker side), `id_str` preferred over `id` because perpetual ids pass 2^53.
    func trade(
        from fields: TradeFields, in message: UnsafeRawBufferPointer, market: consuming Market, receivedAt: Timestamp
    ) throws(ExchangeError) -> Trade {
        // The numeric `price`/`amount` are only a fallback: their digits are kept as sent, but they may have lost zeros.
        guard let price = fields.priceText?.decimal(in: message) ?? fields.price?.decimal(in: message) else {
            throw missing("price_str", "trade", market)
        }
        guard let amount = fields.amountText?.decimal(in: message) ?? fields.amount?.decimal(in: message) else {
            throw missing("amount_str", "trade", market)
        }
        guard let tradeID = fields.idText?.idText(in: message) ?? fields.id?.idText(in: message) else {
            throw missing("id", "trade", market)
        }
        let side: Side? =
            switch fields.side?.int64(in: message) {
            case 0: .buy
            case 1: .sell
            default: nil
            }
        let ts =
            fields.micros?.int64(in: message).map { Timestamp($0, .microseconds) }
            ?? fields.seconds.flatMap { Bitstamp.coarseTimestamp($0, in: message) }
        return Trade(
            header: EventHeader(exchange: .bitstamp, market: market, ts: ts, recv: receivedAt),
            idText: tradeID, price: price, amount: amount, side: side,
            buyOrderIDText: fields.buyOrder?.idText(in: message), sellOrderIDText: fields.sellOrder?.idText(in: message)
        )
    }

    /// `timestamp` is seconds, except on perpetual trades where it is observed in milliseconds (A.1).
    static func coarseTimestamp(_ token: JSONToken, in message: UnsafeRawBufferPointer) -> Timestamp? {
        guard let value = token.int64(in: message) else { return nil }
        return value >= 100_000_000_000 ? Timestamp(value, .milliseconds) : Timestamp(value, .seconds)
    }
}

extension Bitstamp {
    /// A `live_trades_X` `trade` event (A.3): exact `price_str`/`amount_str`, µs `microtimestamp`, `type` 0 buy / 1 sell
    /// (the taker side), `id_str` preferred over `id` because perpetual ids pass 2^53.
    func trade(
        from data: JSONToken, in message: UnsafeRawBufferPointer, market: Market, receivedAt: Timestamp
    ) throws(ExchangeError) -> Trade {
        var id: String?
        var idText: String?
        var price: DecimalString?
        var amount: DecimalString?
        var priceNumber: JSONToken?
        var amountNumber: JSONToken?
        var side: Side?
        var micros: Int64?
        var seconds: JSONToken?
        var buyOrder: String?
        var sellOrder: String?
        var members = JSONScanner.members(of: data, in: message)
        while let (key, value) = members.next() {
            let name = key.bytes(in: message)
            switch name.count {
            case 2 where key.isString("id", in: message): id = value.identifier(in: message)
            case 4 where key.isString("type", in: message):
                switch value.int64(in: message) {
                case 0: side = .buy
                case 1: side = .sell
                default: side = nil
                }
            case 5 where key.isString("price", in: message): priceNumber = value
            case 6 where key.isString("id_str", in: message): idText = value.identifier(in: message)
            case 6 where key.isString("amount", in: message): amountNumber = value
            case 9 where key.isString("price_str", in: message): price = value.decimal(in: message)
            case 9 where key.isString("timestamp", in: message): seconds = value
            case 10 where key.isString("amount_str", in: message): amount = value.decimal(in: message)
            case 12 where key.isString("buy_order_id", in: message): buyOrder = value.identifier(in: message)
            case 13 where key.isString("sell_order_id", in: message): sellOrder = value.identifier(in: message)
            case 14 where key.isString("microtimestamp", in: message): micros = value.int64(in: message)
            default: break
            }
        }
        // The numeric `price`/`amount` are only a fallback: their digits are kept as sent, but they may have lost zeros.
        guard let price = price ?? priceNumber?.decimal(in: message) else {
            throw missing("price_str", "trade", market)
        }
        guard let amount = amount ?? amountNumber?.decimal(in: message) else {
            throw missing("amount_str", "trade", market)
        }
        guard let tradeID = idText ?? id else { throw missing("id", "trade", market) }
        let ts =
            micros.map { Timestamp($0, .microseconds) } ?? seconds.flatMap { Bitstamp.coarseTimestamp($0, in: message) }
        return Trade(
            header: EventHeader(exchange: .bitstamp, market: market, ts: ts, recv: receivedAt),
            id: tradeID, price: price, amount: amount, side: side, buyOrderID: buyOrder, sellOrderID: sellOrder)
    }

    /// `timestamp` is seconds, except on perpetual trades where it is observed in milliseconds (A.1).
    static func coarseTimestamp(_ token: JSONToken, in message: UnsafeRawBufferPointer) -> Timestamp? {
        guard let value = token.int64(in: message) else { return nil }
        return value >= 100_000_000_000 ? Timestamp(value, .milliseconds) : Timestamp(value, .seconds)
    }

}

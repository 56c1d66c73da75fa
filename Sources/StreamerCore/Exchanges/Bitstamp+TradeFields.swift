extension Bitstamp {
    /// The members of a `data` object a trade (or a book: `bids`, `asks`, `microtimestamp`) is built from, captured
    /// while the message is walked (A.3), so a `live_trades_X` message is read in one pass; the last of duplicate keys
    /// wins.
    struct TradeFields {
        var id: JSONToken?
        var idText: JSONToken?
        var price: JSONToken?
        var priceText: JSONToken?
        var amount: JSONToken?
        var amountText: JSONToken?
        var side: JSONToken?
        var seconds: JSONToken?
        var micros: JSONToken?
        var buyOrder: JSONToken?
        var sellOrder: JSONToken?
        var bids: JSONToken?
        var asks: JSONToken?

        /// Keeps `value` when `key` names a trade field (wire names are spelled here and nowhere else).
        @inline(always)
        mutating func capture(key: JSONToken, value: JSONToken, in message: UnsafeRawBufferPointer) {
            switch key.end - key.start {
            case 2 where key.isString("id", in: message): id = value
            case 4 where key.isString("type", in: message): side = value
            case 4 where key.isString("bids", in: message): bids = value
            case 4 where key.isString("asks", in: message): asks = value
            case 5 where key.isString("price", in: message): price = value
            case 6 where key.isString("id_str", in: message): idText = value
            case 6 where key.isString("amount", in: message): amount = value
            case 9 where key.isString("price_str", in: message): priceText = value
            case 9 where key.isString("timestamp", in: message): seconds = value
            case 10 where key.isString("amount_str", in: message): amountText = value
            case 12 where key.isString("buy_order_id", in: message): buyOrder = value
            case 13 where key.isString("sell_order_id", in: message): sellOrder = value
            case 14 where key.isString("microtimestamp", in: message): micros = value
            default: break
            }
        }

        /// No fields yet.
        init() {}
    }
}

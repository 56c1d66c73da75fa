extension Bitvavo {
    /// A channel event (B.3): trades, ticker, ticker24h, candles, book; subscription confirmations.
    func channelEvent(
        _ event: JSONToken, _ root: JSONToken, _ fields: BitvavoFields, in message: UnsafeRawBufferPointer,
        receivedAt: Timestamp, into events: inout [MarketEvent]
    ) throws(ExchangeError) -> ExchangeNotice? {
        if event.isString("trade", in: message) {
            guard let market = fields.market.flatMap({ self.market($0, in: message) }) else { return .unknown("trade") }
            events.append(.trade(try trade(fields, market: market, in: message, receivedAt: receivedAt)))
        } else if event.isString("book", in: message) {
            guard let market = fields.market.flatMap({ self.market($0, in: message) }) else { return .unknown("book") }
            events.append(
                .book(try Bitvavo.book(fields, market: market, kind: .diff, in: message, receivedAt: receivedAt)))
        } else if event.isString("ticker", in: message) {
            guard let market = fields.market.flatMap({ self.market($0, in: message) }) else {
                return .unknown("ticker")
            }
            // Partial frames carry only the side that changed (B.3); the pipeline merges them.
            events.append(
                .ticker(
                    Ticker(
                        header: EventHeader(exchange: .bitvavo, market: market, ts: nil, recv: receivedAt),
                        bid: fields.bestBid?.decimal(in: message), bidSize: fields.bestBidSize?.decimal(in: message),
                        ask: fields.bestAsk?.decimal(in: message), askSize: fields.bestAskSize?.decimal(in: message),
                        last: fields.lastPrice?.decimal(in: message))))
        } else if event.isString("ticker24h", in: message) {
            guard let data = fields.data, data.kind == .array else {
                throw .malformed(.bitvavo, detail: "ticker24h without a data array")
            }
            var entries = JSONScanner.elements(of: data, in: message)
            while let entry = entries.next() {
                let entryFields = BitvavoFields(entry, in: message)
                guard let market = entryFields.market.flatMap({ self.market($0, in: message) }) else { continue }
                events.append(.ticker24h(Bitvavo.ticker24h(entry, market: market, in: message, receivedAt: receivedAt)))
            }
        } else if event.isString("candle", in: message) {
            guard let market = fields.market.flatMap({ self.market($0, in: message) }) else {
                return .unknown("candle")
            }
            let interval = fields.interval?.text(in: message) ?? self.intervalName
            guard let list = fields.candle, list.kind == .array else {
                throw .malformed(.bitvavo, detail: "candle for \(market) without a candle array")
            }
            var rows = JSONScanner.elements(of: list, in: message)
            while let row = rows.next() {
                let candle = try Bitvavo.candle(
                    row, market: market, interval: interval, in: message, receivedAt: receivedAt)
                events.append(.candle(candle))
            }
        } else if event.isString("subscribed", in: message) {
            return .subscribed("*")
        } else if event.isString("unsubscribed", in: message) {
            return .unsubscribed("subscriptions")
        } else {
            return .unknown("event '\(event.text(in: message))'")
        }
        return nil
    }

    /// The candle interval name this adapter subscribes with.
    var intervalName: String { interval.name }

    /// A `trade` (B.3): ms `timestamp`, UUID `id`, string `amount`/`price`, taker `side`.
    private func trade(
        _ fields: BitvavoFields, market: Market, in message: UnsafeRawBufferPointer, receivedAt: Timestamp
    )
        throws(ExchangeError) -> Trade
    {
        guard let price = fields.price?.decimal(in: message) else { throw missing("price", "trade", market) }
        guard let amount = fields.amount?.decimal(in: message) else { throw missing("amount", "trade", market) }
        guard let id = fields.id?.identifier(in: message) else { throw missing("id", "trade", market) }
        let side: Side? =
            fields.side.map { $0.isString("buy", in: message) ? .buy : $0.isString("sell", in: message) ? .sell : nil }
            ?? nil
        let ts = fields.timestamp?.int64(in: message).map { Timestamp($0, .milliseconds) }
        return Trade(
            header: EventHeader(exchange: .bitvavo, market: market, ts: ts, recv: receivedAt), id: id, price: price,
            amount: amount, side: side)
    }

    /// A `book` event or a `getBook` reply (B.3, B.5): `nonce`, ns `timestamp`, `[price, size]` string pairs.
    static func book(
        _ fields: BitvavoFields, market: Market, kind: BookUpdate.Kind, in message: UnsafeRawBufferPointer,
        receivedAt: Timestamp
    ) throws(ExchangeError) -> BookUpdate {
        guard let nonce = fields.nonce?.int64(in: message) else {
            throw .malformed(.bitvavo, detail: "book for \(market) lacks a valid 'nonce'")
        }
        let bids = try levels(fields.bids, market: market, in: message)
        let asks = try levels(fields.asks, market: market, in: message)
        let ts = fields.timestamp?.int64(in: message).map { Timestamp($0, .nanoseconds) }
        return BookUpdate(
            header: EventHeader(exchange: .bitvavo, market: market, ts: ts, recv: receivedAt), kind: kind,
            depth: max(bids.count, asks.count), bids: bids, asks: asks, seq: nonce)
    }

    private static func levels(_ token: JSONToken?, market: Market, in message: UnsafeRawBufferPointer)
        throws(ExchangeError)
        -> [BookLevel]
    {
        guard let token else { return [] }
        guard token.kind == .array else {
            throw .malformed(.bitvavo, detail: "book side for \(market) is not an array")
        }
        var result: [BookLevel] = []
        var elements = JSONScanner.elements(of: token, in: message)
        while let level = elements.next() {
            var pair = JSONScanner.elements(of: level, in: message)
            guard let price = pair.next()?.decimal(in: message), let size = pair.next()?.decimal(in: message) else {
                throw .malformed(.bitvavo, detail: "book level for \(market) is not [price, size]")
            }
            result.append(BookLevel(price: price, amount: size))
        }
        return result
    }

    /// One `ticker24h` entry (B.3): strings for prices and volumes, ms `timestamp`.
    static func ticker24h(_ entry: JSONToken, market: Market, in message: UnsafeRawBufferPointer, receivedAt: Timestamp)
        -> Ticker24h
    {
        var values: [String: JSONToken] = [:]
        var members = JSONScanner.members(of: entry, in: message)
        while let (key, value) = members.next() { values[key.text(in: message)] = value }
        func decimal(_ key: String) -> DecimalString? { values[key]?.decimal(in: message) }
        let ts = values["timestamp"]?.int64(in: message).map { Timestamp($0, .milliseconds) }
        return Ticker24h(
            header: EventHeader(exchange: .bitvavo, market: market, ts: ts, recv: receivedAt), open: decimal("open"),
            high: decimal("high"), low: decimal("low"), last: decimal("last"), volume: decimal("volume"),
            volumeQuote: decimal("volumeQuote"), bid: decimal("bid"), ask: decimal("ask"))
    }

    /// One candle row `[openTimeMs, open, high, low, close, volume]` (B.3, B.5); `closed` is settled by the pipeline.
    static func candle(
        _ row: JSONToken, market: Market, interval: String, in message: UnsafeRawBufferPointer, receivedAt: Timestamp
    ) throws(ExchangeError) -> Candle {
        var values = JSONScanner.elements(of: row, in: message)
        guard let start = values.next()?.int64(in: message), let open = values.next()?.decimal(in: message),
            let high = values.next()?.decimal(in: message), let low = values.next()?.decimal(in: message),
            let close = values.next()?.decimal(in: message), let volume = values.next()?.decimal(in: message)
        else {
            throw .malformed(.bitvavo, detail: "candle for \(market) is not [time, open, high, low, close, volume]")
        }
        let startTime = Timestamp(start, .milliseconds)
        return Candle(
            header: EventHeader(exchange: .bitvavo, market: market, ts: startTime, recv: receivedAt),
            interval: interval,
            start: startTime, open: open, high: high, low: low, close: close, volume: volume, closed: false)
    }

    func missing(_ field: String, _ what: String, _ market: Market) -> ExchangeError {
        .malformed(.bitvavo, detail: "\(what) for \(market) lacks a valid '\(field)'")
    }
}

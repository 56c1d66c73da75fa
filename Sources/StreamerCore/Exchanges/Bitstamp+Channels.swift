extension Bitstamp {
    /// What every channel decoder needs besides the data object.
    struct DecodeContext {
        let message: UnsafeRawBufferPointer
        let market: Market
        let receivedAt: Timestamp

        /// The header of an event at `ts`.
        func header(_ ts: Timestamp?) -> EventHeader {
            EventHeader(exchange: .bitstamp, market: market, ts: ts, recv: receivedAt)
        }
    }

    /// The event a channel message carries, or nil when its `event` is not one this channel sends.
    ///
    /// `trade` holds `data`'s trade fields, captured when the message was walked.
    func channelEvent(
        _ wire: WireChannel, event: JSONToken, data: JSONToken, trade: TradeFields, _ context: DecodeContext
    ) throws(ExchangeError) -> MarketEvent? {
        let message = context.message
        switch wire {
        case .liveTrades:
            guard event.isString("trade", in: message) else { return nil }
            return .trade(
                try self.trade(from: trade, in: message, market: context.market, receivedAt: context.receivedAt))
        case .liveOrders:
            let change: OrderEvent.Change
            if event.isString("order_created", in: message) {
                change = .created
            } else if event.isString("order_changed", in: message) {
                change = .changed
            } else if event.isString("order_deleted", in: message) {
                change = .deleted
            } else {
                return nil
            }
            return .order(try order(change, from: data, context))
        case .orderBook, .diffOrderBook:
            guard event.isString("data", in: message) else { return nil }
            let kind: BookUpdate.Kind = wire == .orderBook ? .snapshot : .diff
            return .book(
                try Bitstamp.book(bids: trade.bids, asks: trade.asks, micros: trade.micros, context, kind: kind))
        case .detailOrderBook:
            guard event.isString("data", in: message) else { return nil }
            return .bookL3(try detailBook(from: data, context))
        case .fundingRate:
            guard event.isString("funding_rate_saved", in: message) else { return nil }
            return .funding(try funding(from: data, context))
        case .myOrders, .myTrades, .selfTrades, .mySettlements, .myLiquidations:
            return try privateEvent(wire, event: event, data: data, trade: trade, context)
        }
    }

    /// `order_created/changed/deleted` (A.3): `order_type` 0 buy / 1 sell, exact `price_str`/`amount_str`,
    /// µs `microtimestamp`, and the `event_id`/`pre_event_id` chain (top level, beside `data`).
    private func order(_ change: OrderEvent.Change, from data: JSONToken, _ context: DecodeContext)
        throws(ExchangeError)
        -> OrderEvent
    {
        let message = context.message
        var id: String?
        var idText: String?
        var price: DecimalString?
        var amount: DecimalString?
        var side: Side?
        var subtype: String?
        var micros: Int64?
        var members = JSONScanner.members(of: data, in: message)
        while let (key, value) = members.next() {
            if key.isString("id", in: message) {
                id = value.identifier(in: message)
            } else if key.isString("id_str", in: message) {
                idText = value.identifier(in: message)
            } else if key.isString("price_str", in: message) {
                price = value.decimal(in: message)
            } else if key.isString("amount_str", in: message) {
                amount = value.decimal(in: message)
            } else if key.isString("order_type", in: message) {
                side = value.int64(in: message).flatMap { $0 == 0 ? .buy : $0 == 1 ? .sell : nil }
            } else if key.isString("order_subtype", in: message) {
                subtype = value.identifier(in: message)
            } else if key.isString("microtimestamp", in: message) {
                micros = value.int64(in: message)
            }
        }
        guard let orderID = idText ?? id else { throw missing("id", "order", context.market) }
        guard let price else { throw missing("price_str", "order", context.market) }
        guard let amount else { throw missing("amount_str", "order", context.market) }
        let (eventID, previous) = Bitstamp.eventChain(in: message)
        return OrderEvent(
            header: context.header(micros.map { Timestamp($0, .microseconds) }), event: change, id: orderID, side: side,
            price: price, amount: amount, subtype: subtype, eventID: eventID, previousEventID: previous)
    }

    /// The top-level `event_id` and `pre_event_id` of a `live_orders` message.
    private static func eventChain(in message: UnsafeRawBufferPointer) -> (String?, String?) {
        guard let root = try? JSONScanner.document(message) else { return (nil, nil) }  // validated by the caller
        var eventID: String?
        var previous: String?
        var members = JSONScanner.members(of: root, in: message)
        while let (key, value) = members.next() {
            if key.isString("event_id", in: message) { eventID = value.identifier(in: message) }
            if key.isString("pre_event_id", in: message) { previous = value.identifier(in: message) }
        }
        return (eventID, previous)
    }

    /// The REST snapshot (A.5): an object with `bids`, `asks` and `microtimestamp` (the last of duplicate keys wins).
    static func book(from data: JSONToken, _ context: DecodeContext, kind: BookUpdate.Kind) throws(ExchangeError)
        -> BookUpdate
    {
        let message = context.message
        var bids: JSONToken?
        var asks: JSONToken?
        var micros: JSONToken?
        var members = JSONScanner.members(of: data, in: message)
        while let (key, value) = members.next() {
            if key.isString("bids", in: message) {
                bids = value
            } else if key.isString("asks", in: message) {
                asks = value
            } else if key.isString("microtimestamp", in: message) {
                micros = value
            }
        }
        return try book(bids: bids, asks: asks, micros: micros, context, kind: kind)
    }

    /// `order_book_X` / `diff_order_book_X` data (A.3) or the REST snapshot (A.5) from its members' tokens:
    /// `[price, amount]` string pairs (a missing side is empty) and the µs `microtimestamp`.
    static func book(
        bids: JSONToken?, asks: JSONToken?, micros: JSONToken?, _ context: DecodeContext, kind: BookUpdate.Kind
    ) throws(ExchangeError) -> BookUpdate {
        let message = context.message
        let bidLevels = try bids.map { side throws(ExchangeError) in try levels(side, message, market: context.market) }
        let askLevels = try asks.map { side throws(ExchangeError) in try levels(side, message, market: context.market) }
        guard let micros = micros?.int64(in: message) else {
            throw .malformed(.bitstamp, detail: "book for \(context.market) lacks a valid 'microtimestamp'")
        }
        let depth = max(bidLevels?.count ?? 0, askLevels?.count ?? 0)
        return BookUpdate(
            header: context.header(Timestamp(micros, .microseconds)), kind: kind, depth: depth, bids: bidLevels ?? [],
            asks: askLevels ?? [], seq: micros)
    }

    private static func levels(_ array: JSONToken, _ message: UnsafeRawBufferPointer, market: Market)
        throws(ExchangeError) -> [BookLevel]
    {
        guard array.kind == .array else {
            throw .malformed(.bitstamp, detail: "book side for \(market) is not an array")
        }
        var result: [BookLevel] = []
        var pairs = JSONScanner.elementPairs(of: array, in: message)
        while let (first, second) = pairs.next() {
            guard let price = first.decimal(in: message), let amount = second.decimal(in: message) else {
                throw .malformed(.bitstamp, detail: "book level for \(market) is not [price, amount]")
            }
            if result.isEmpty { result.reserveCapacity(4) }  // diffs carry a few levels: one allocation, not three
            result.append(BookLevel(price: price, amount: amount))
        }
        guard !pairs.foundOtherShape else {
            throw .malformed(.bitstamp, detail: "book level for \(market) is not [price, amount]")
        }
        return result
    }

    /// `detail_order_book_X` data (A.3): `[price, amount, order_id]` per order.
    private func detailBook(from data: JSONToken, _ context: DecodeContext) throws(ExchangeError) -> BookL3 {
        let message = context.message
        var bids: [L3Level] = []
        var asks: [L3Level] = []
        var micros: Int64?
        var members = JSONScanner.members(of: data, in: message)
        while let (key, value) = members.next() {
            if key.isString("bids", in: message) || key.isString("asks", in: message) {
                guard value.kind == .array else {
                    throw .malformed(.bitstamp, detail: "L3 book side for \(context.market) is not an array")
                }
                var orders: [L3Level] = []
                var elements = JSONScanner.elements(of: value, in: message)
                while let level = elements.next() {
                    var fields = JSONScanner.elements(of: level, in: message)
                    guard let price = fields.next()?.decimal(in: message),
                        let amount = fields.next()?.decimal(in: message),
                        let id = fields.next()?.identifier(in: message)
                    else {
                        throw .malformed(
                            .bitstamp, detail: "L3 level for \(context.market) is not [price, amount, order_id]")
                    }
                    orders.append(L3Level(price: price, amount: amount, orderID: id))
                }
                if key.isString("bids", in: message) { bids = orders } else { asks = orders }
            } else if key.isString("microtimestamp", in: message) {
                micros = value.int64(in: message)
            }
        }
        return BookL3(
            header: context.header(micros.map { Timestamp($0, .microseconds) }), bids: bids, asks: asks, seq: micros)
    }

    /// `funding_rate_saved` (A.3): strings for rate and prices, seconds for `timestamp` and `next_funding_time`.
    private func funding(from data: JSONToken, _ context: DecodeContext) throws(ExchangeError) -> Funding {
        let message = context.message
        var rate: DecimalString?
        var mark: DecimalString?
        var index: DecimalString?
        var seconds: Int64?
        var next: Int64?
        var members = JSONScanner.members(of: data, in: message)
        while let (key, value) = members.next() {
            if key.isString("funding_rate", in: message) {
                rate = value.decimal(in: message)
            } else if key.isString("mark_price", in: message) {
                mark = value.decimal(in: message)
            } else if key.isString("index_price", in: message) {
                index = value.decimal(in: message)
            } else if key.isString("timestamp", in: message) {
                seconds = value.int64(in: message)
            } else if key.isString("next_funding_time", in: message) {
                next = value.int64(in: message)
            }
        }
        guard let rate else { throw missing("funding_rate", "funding", context.market) }
        return Funding(
            header: context.header(seconds.map { Timestamp($0, .seconds) }), rate: rate, markPrice: mark,
            indexPrice: index,
            nextFundingTime: next.map { Timestamp($0, .seconds) })
    }

    func missing(_ field: String, _ what: String, _ market: Market) -> ExchangeError {
        .malformed(.bitstamp, detail: "\(what) for \(market) lacks a valid '\(field)'")
    }

    /// Decodes the REST order book snapshot (`GET /api/v2/order_book/X/`, A.5) as a `book` snapshot.
    public static func decodeBookSnapshot(_ body: [UInt8], market: Market, receivedAt: Timestamp) throws(ExchangeError)
        -> BookUpdate
    {
        var outcome: Result<BookUpdate, ExchangeError> = .failure(.malformed(.bitstamp, detail: "empty snapshot"))
        body.withUnsafeBytes { raw in
            do throws(ExchangeError) {
                let root: JSONToken
                do { root = try JSONScanner.document(raw) } catch {
                    throw .malformed(.bitstamp, detail: "order book snapshot: \(error)")
                }
                guard root.kind == .object else {
                    throw .malformed(.bitstamp, detail: "order book snapshot is not an object")
                }
                let context = DecodeContext(message: raw, market: market, receivedAt: receivedAt)
                outcome = .success(try book(from: root, context, kind: .snapshot))
            } catch {
                outcome = .failure(error)
            }
        }
        return try outcome.get()
    }
}

extension Bitstamp {
    /// The production REST origin.
    public static let restOrigin = "https://www.bitstamp.net"

    /// `/api/v2/order_book/<pair>/` (A.5).
    public static func restOrderBookPath(_ market: Market) -> String { "/api/v2/order_book/\(wireSymbol(market))/" }
}

extension Bitstamp {
    /// `/api/v2/markets/` (A.0): the market list used to validate markets; unlike the older `trading-pairs-info`
    /// it lists perpetuals too.
    public static let restMarketsPath = "/api/v2/markets/"

    /// Decodes `markets` (`market_symbol`) or `trading-pairs-info` (`url_symbol`): an array of objects with the
    /// symbol, `name` and `trading` ("Enabled"/"Disabled").
    public static func decodeMarketList(_ body: [UInt8]) throws(ExchangeError) -> [ListedMarket] {
        var outcome: Result<[ListedMarket], ExchangeError> = .success([])
        body.withUnsafeBytes { raw in
            guard let root = try? JSONScanner.document(raw), root.kind == .array else {
                outcome = .failure(.malformed(.bitstamp, detail: "market list is not a JSON array"))
                return
            }
            var markets: [ListedMarket] = []
            var elements = JSONScanner.elements(of: root, in: raw)
            while let entry = elements.next() {
                var symbol: String?
                var trading = true
                var description: String?
                var name: String?
                var members = JSONScanner.members(of: entry, in: raw)
                while let (key, value) = members.next() {
                    if key.isString("market_symbol", in: raw) || key.isString("url_symbol", in: raw) {
                        symbol = value.text(in: raw)
                    }
                    if key.isString("trading", in: raw) { trading = value.isString("Enabled", in: raw) }
                    if key.isString("description", in: raw) { description = value.text(in: raw) }
                    if key.isString("name", in: raw) { name = value.text(in: raw) }
                }
                if let symbol {
                    markets.append(
                        ListedMarket(wireSymbol: symbol, isTrading: trading, description: description, name: name))
                }
            }
            outcome = .success(markets)
        }
        return try outcome.get()
    }
}

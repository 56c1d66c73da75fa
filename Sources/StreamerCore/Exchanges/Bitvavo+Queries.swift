/// Bitvavo's market-data actions for one-shot queries (`streamer bitvavo get ...`, B.5): request text and replies.
extension Bitvavo {
    /// The action message for `kind` (the request id lets the reply be matched among other messages).
    public static func queryMessage(
        _ kind: QueryKind, market: Market?, depth: Int?, limit: Int, interval: CandleInterval, requestId: Int64
    ) -> String {
        var fields = [#""action":"\#(actionName(kind))""#, #""requestId":\#(requestId)"#]
        if let market { fields.append(#""market":"\#(wireSymbol(market))""#) }
        switch kind {
        case .book: if let depth { fields.append(#""depth":\#(depth)"#) }
        case .trades: fields.append(#""limit":\#(limit)"#)
        case .candles: fields += [#""interval":"\#(interval.name)""#, #""limit":\#(limit)"#]
        default: break
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// The action that answers `kind`.
    static func actionName(_ kind: QueryKind) -> String {
        switch kind {
        case .markets: "getMarkets"
        case .assets: "getAssets"
        case .time: "getTime"
        case .ticker: "getTickerPrice"
        case .tickerBook: "getTickerBook"
        case .ticker24h: "getTicker24h"
        case .book: "getBook"
        case .trades: "getTrades"
        case .candles: "getCandles"
        }
    }

    /// The events in the reply to request `requestId`, or nil when `message` is something else.
    ///
    /// An error reply throws with the error's text.
    public static func decodeQueryReply(
        _ message: [UInt8], kind: QueryKind, requestId: Int64, market: Market?, interval: CandleInterval,
        receivedAt: Timestamp
    ) throws(ExchangeError) -> [MarketEvent]? {
        var outcome: Result<[MarketEvent]?, ExchangeError> = .success(nil)
        message.withUnsafeBytes { raw in
            do throws(ExchangeError) {
                guard let root = try? JSONScanner.document(raw), root.kind == .object else { return }
                let fields = BitvavoFields(root, in: raw)
                let sameAction = fields.action.map { $0.text(in: raw) == actionName(kind) } ?? false
                guard
                    fields.requestId == requestId || (fields.errorCode != nil && fields.requestId == nil && sameAction)
                else { return }
                if let code = fields.errorCode {
                    throw error(code: code, text: fields.errorText, action: actionName(kind))
                }
                guard let response = fields.response else {
                    throw .malformed(.bitvavo, detail: "\(actionName(kind)) reply without a response")
                }
                let reply = QueryReply(raw: raw, kind: kind, market: market, interval: interval, receivedAt: receivedAt)
                outcome = .success(try reply.events(response))
            } catch {
                outcome = .failure(error)
            }
        }
        return try outcome.get()
    }
}

/// Decodes one action reply's `response` into events.
private struct QueryReply {
    let raw: UnsafeRawBufferPointer
    let kind: QueryKind
    let market: Market?
    let interval: CandleInterval
    let receivedAt: Timestamp

    func events(_ response: JSONToken) throws(ExchangeError) -> [MarketEvent] {
        switch kind {
        case .time:
            let fields = values(response)
            let ts =
                fields["timeNs"]?.int64(in: raw).map { Timestamp($0, .nanoseconds) }
                ?? fields["time"]?.int64(in: raw).map { Timestamp($0, .milliseconds) }
            return [.time(ServerTime(header: header(Market(base: "", quote: ""), ts)))]
        case .book:
            guard let market else { throw .malformed(.bitvavo, detail: "getBook needs a market") }
            let fields = BitvavoFields(response, in: raw)
            return [.book(try Bitvavo.book(fields, market: market, kind: .snapshot, in: raw, receivedAt: receivedAt))]
        case .candles:
            guard let market, response.kind == .array else {
                throw .malformed(.bitvavo, detail: "getCandles reply is not an array")
            }
            var candles: [MarketEvent] = []
            var rows = JSONScanner.elements(of: response, in: raw)
            while let row = rows.next() {
                var candle = try Bitvavo.candle(
                    row, market: market, interval: interval.name, in: raw, receivedAt: receivedAt)
                candle.closed =
                    candle.start.microseconds / 1_000_000 + interval.seconds <= receivedAt.microseconds / 1_000_000
                candles.append(.candle(candle))
            }
            return candles.reversed()  // newest first on the wire; printed oldest first like a stream
        default:
            var events: [MarketEvent] = []
            for entry in entries(response) { if let event = try self.event(entry) { events.append(event) } }
            return kind == .trades ? events.reversed() : events
        }
    }

    /// An object reply is one entry; an array reply, many.
    private func entries(_ response: JSONToken) -> [JSONToken] {
        guard response.kind == .array else { return [response] }
        var list: [JSONToken] = []
        var elements = JSONScanner.elements(of: response, in: raw)
        while let element = elements.next() { list.append(element) }
        return list
    }

    private func event(_ entry: JSONToken) throws(ExchangeError) -> MarketEvent? {
        let fields = values(entry)
        func decimal(_ key: String) -> DecimalString? { fields[key]?.decimal(in: raw) }
        let entryMarket = fields["market"].flatMap { Market.parse($0.text(in: raw)) } ?? market
        switch kind {
        case .markets:
            guard let symbol = fields["market"]?.text(in: raw), let market = Market.parse(symbol) else { return nil }
            let trading = fields["status"]?.isString("trading", in: raw) ?? true
            return .market(MarketInfo(header: header(market, nil), symbol: symbol, trading: trading, description: nil))
        case .assets:
            guard let symbol = fields["symbol"]?.text(in: raw) else { return nil }
            return .asset(
                AssetInfo(
                    header: header(Market(base: symbol, quote: ""), nil), name: fields["name"]?.text(in: raw),
                    decimals: fields["decimals"]?.int64(in: raw), depositStatus: fields["depositStatus"]?.text(in: raw),
                    withdrawalStatus: fields["withdrawalStatus"]?.text(in: raw),
                    withdrawalFee: decimal("withdrawalFee"),
                    withdrawalMinAmount: decimal("withdrawalMinAmount")))
        case .ticker:
            guard let entryMarket else { return nil }
            return .ticker(
                Ticker(
                    header: header(entryMarket, nil), bid: nil, bidSize: nil, ask: nil, askSize: nil,
                    last: decimal("price")))
        case .tickerBook:
            guard let entryMarket else { return nil }
            return .ticker(
                Ticker(
                    header: header(entryMarket, nil), bid: decimal("bid"), bidSize: decimal("bidSize"),
                    ask: decimal("ask"),
                    askSize: decimal("askSize")))
        case .ticker24h:
            guard let entryMarket else { return nil }
            return .ticker24h(Bitvavo.ticker24h(entry, market: entryMarket, in: raw, receivedAt: receivedAt))
        case .trades:
            guard let market, let price = decimal("price"), let amount = decimal("amount"),
                let id = fields["id"]?.identifier(in: raw)
            else { throw .malformed(.bitvavo, detail: "getTrades entry lacks price, amount or id") }
            let side: Side? = fields["side"].flatMap {
                $0.isString("buy", in: raw) ? .buy : $0.isString("sell", in: raw) ? .sell : nil
            }
            let ts = fields["timestamp"]?.int64(in: raw).map { Timestamp($0, .milliseconds) }
            return .trade(Trade(header: header(market, ts), id: id, price: price, amount: amount, side: side))
        case .time, .book, .candles:
            return nil
        }
    }

    private func values(_ object: JSONToken) -> [String: JSONToken] {
        var result: [String: JSONToken] = [:]
        var members = JSONScanner.members(of: object, in: raw)
        while let (key, value) = members.next() { result[key.text(in: raw)] = value }
        return result
    }

    private func header(_ market: Market, _ ts: Timestamp?) -> EventHeader {
        EventHeader(exchange: .bitvavo, market: market, ts: ts, recv: receivedAt)
    }
}

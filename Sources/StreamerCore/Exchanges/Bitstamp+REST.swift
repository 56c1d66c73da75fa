/// Bitstamp's public REST v2 for one-shot queries (`streamer bitstamp get ...`); paths are spelled only here.
extension Bitstamp {
    /// `/api/v2/ticker/<pair>/`.
    public static func restTickerPath(_ market: Market) -> String { "/api/v2/ticker/\(wireSymbol(market))/" }
    /// `/api/v2/transactions/<pair>/` (with `time=minute|hour|day`).
    public static func restTransactionsPath(_ market: Market) -> String {
        "/api/v2/transactions/\(wireSymbol(market))/"
    }
    /// `/api/v2/ohlc/<pair>/` (with `step` seconds and `limit`).
    public static func restOHLCPath(_ market: Market) -> String { "/api/v2/ohlc/\(wireSymbol(market))/" }

    /// Runs `body` over the bytes of a JSON document, turning scanner errors into `malformed`.
    static func withDocument<T>(
        _ bytes: [UInt8], _ what: String, _ body: (UnsafeRawBufferPointer, JSONToken) throws(ExchangeError) -> T
    ) throws(ExchangeError) -> T {
        var outcome: Result<T, ExchangeError>?
        bytes.withUnsafeBytes { raw in
            do throws(ExchangeError) {
                guard let root = try? JSONScanner.document(raw) else {
                    throw .malformed(.bitstamp, detail: "\(what) is not valid JSON")
                }
                outcome = .success(try body(raw, root))
            } catch {
                outcome = .failure(error)
            }
        }
        guard let outcome else { throw .malformed(.bitstamp, detail: "\(what) is empty") }
        return try outcome.get()
    }

    /// The string or number fields of a flat JSON object, by key.
    static func fields(of object: JSONToken, in raw: UnsafeRawBufferPointer) -> [String: JSONToken] {
        var result: [String: JSONToken] = [:]
        var members = JSONScanner.members(of: object, in: raw)
        while let (key, value) = members.next() { result[key.text(in: raw)] = value }
        return result
    }

    /// `ticker/<pair>/`: strings for every price; `open_24` is the price 24 hours ago, `open` the UTC day's.
    public static func decodeTicker(_ body: [UInt8], market: Market, receivedAt: Timestamp) throws(ExchangeError)
        -> Ticker24h
    {
        try withDocument(body, "ticker") { (raw, root) throws(ExchangeError) in
            let fields = fields(of: root, in: raw)
            func decimal(_ key: String) -> DecimalString? { fields[key]?.decimal(in: raw) }
            let ts = fields["timestamp"]?.int64(in: raw).map { Timestamp($0, .seconds) }
            guard decimal("last") != nil else {
                throw .malformed(.bitstamp, detail: "ticker for \(market) lacks 'last'")
            }
            return Ticker24h(
                header: EventHeader(exchange: .bitstamp, market: market, ts: ts, recv: receivedAt),
                open: decimal("open_24") ?? decimal("open"), high: decimal("high"), low: decimal("low"),
                last: decimal("last"),
                volume: decimal("volume"), volumeQuote: nil, bid: decimal("bid"), ask: decimal("ask"))
        }
    }

    /// `transactions/<pair>/`: newest first, `date` in seconds, `type` 0 buy / 1 sell; returned oldest first.
    public static func decodeTransactions(_ body: [UInt8], market: Market, receivedAt: Timestamp) throws(ExchangeError)
        -> [Trade]
    {
        try withDocument(body, "transactions") { (raw, root) throws(ExchangeError) in
            var trades: [Trade] = []
            var elements = JSONScanner.elements(of: root, in: raw)
            while let entry = elements.next() {
                let fields = fields(of: entry, in: raw)
                guard let price = fields["price"]?.decimal(in: raw), let amount = fields["amount"]?.decimal(in: raw),
                    let id = fields["tid"]?.identifier(in: raw)
                else { throw .malformed(.bitstamp, detail: "transaction for \(market) lacks price, amount or tid") }
                let ts =
                    fields["microtimestamp"]?.int64(in: raw).map { Timestamp($0, .microseconds) }
                    ?? fields["date"]?.int64(in: raw).map { Timestamp($0, .seconds) }
                let side: Side? = fields["type"]?.int64(in: raw).flatMap { $0 == 0 ? .buy : $0 == 1 ? .sell : nil }
                trades.append(
                    Trade(
                        header: EventHeader(exchange: .bitstamp, market: market, ts: ts, recv: receivedAt), id: id,
                        price: price, amount: amount, side: side))
            }
            return trades.reversed()
        }
    }

    /// `ohlc/<pair>/`: `{"data":{"ohlc":[{timestamp, open, high, low, close, volume}]}}`; a candle whose interval
    /// has not ended at `receivedAt` is marked `closed: false`.
    public static func decodeOHLC(_ body: [UInt8], market: Market, interval: CandleInterval, receivedAt: Timestamp)
        throws(ExchangeError) -> [Candle]
    {
        try withDocument(body, "ohlc") { (raw, root) throws(ExchangeError) in
            guard let data = fields(of: root, in: raw)["data"], let list = fields(of: data, in: raw)["ohlc"] else {
                throw .malformed(.bitstamp, detail: "ohlc for \(market) lacks data.ohlc")
            }
            var candles: [Candle] = []
            var elements = JSONScanner.elements(of: list, in: raw)
            while let entry = elements.next() {
                let fields = fields(of: entry, in: raw)
                guard let start = fields["timestamp"]?.int64(in: raw), let open = fields["open"]?.decimal(in: raw),
                    let high = fields["high"]?.decimal(in: raw), let low = fields["low"]?.decimal(in: raw),
                    let close = fields["close"]?.decimal(in: raw), let volume = fields["volume"]?.decimal(in: raw)
                else { throw .malformed(.bitstamp, detail: "ohlc entry for \(market) lacks a field") }
                // Subtract from our clock rather than add to the wire's `timestamp`, which may be near Int64.max.
                let ended = start <= receivedAt.microseconds / 1_000_000 - interval.seconds
                candles.append(
                    Candle(
                        header: EventHeader(
                            exchange: .bitstamp, market: market, ts: Timestamp(start, .seconds), recv: receivedAt),
                        interval: interval.name, start: Timestamp(start, .seconds), open: open, high: high, low: low,
                        close: close, volume: volume, closed: ended))
            }
            return candles
        }
    }
}

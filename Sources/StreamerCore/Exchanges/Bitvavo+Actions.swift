extension Bitvavo {
    /// An action reply (B.5): a `getBook` snapshot feeds a local book; other replies are for one-shot queries.
    func response(
        _ action: JSONToken, _ fields: BitvavoFields, in message: UnsafeRawBufferPointer, receivedAt: Timestamp
    )
        throws(ExchangeError) -> ExchangeNotice?
    {
        if action.isString("getBook", in: message), let response = fields.response, response.kind == .object {
            let bookFields = BitvavoFields(response, in: message)
            guard let market = bookFields.market.flatMap({ self.market($0, in: message) }) else {
                return .response(action: "getBook", requestId: fields.requestId)
            }
            let snapshot = try Bitvavo.book(
                bookFields, market: market, kind: .snapshot, in: message, receivedAt: receivedAt)
            return .snapshot(snapshot, requestId: fields.requestId)
        }
        return .response(action: action.text(in: message), requestId: fields.requestId)
    }

    /// The error for a reply carrying `errorCode` (B.6): rate limits are their own case so callers can back off.
    static func error(code: Int64, text: String, action: String?) -> ExchangeError {
        let meaning = errorMeanings[code].map { "error \(code), \($0)" } ?? "error \(code)"
        let message = "\(text) (\(meaning))"
        if rateLimitCodes.contains(code) { return .rateLimited(.bitvavo, message: message) }
        if authenticationCodes.contains(code) { return .authenticationRefused(.bitvavo, message: message) }
        return .rejected(.bitvavo, channel: action, message: message)
    }

    /// Rate limiting and overload (B.6): back off rather than retry at once.
    static let rateLimitCodes: Set<Int64> = [103, 104, 105, 107, 108, 110, 112]
    /// Authentication failures (B.6, 300–317).
    static let authenticationCodes: Set<Int64> = Set(300...317)

    /// Short meanings of the documented error codes (B.6).
    static let errorMeanings: [Int64: String] = [
        101: "unknown error", 102: "invalid JSON", 103: "rate limited", 104: "rate limited by new orders",
        105: "banned for exceeding the rate limit", 107: "matching engine overloaded", 108: "matching engine timeout",
        109: "matching engine did not respond", 110: "invalid endpoint or rate limited", 112: "over 5,000 messages/s",
        200: "path parameter not supported", 201: "body parameter not supported",
        203: "missing or incompatible parameters",
        204: "parameter not supported", 205: "invalid parameter value", 206: "incompatible parameters",
        219: "market no longer listed", 300: "authentication required", 301: "API key must be 64 characters",
        302: "invalid timestamp", 303: "window must be 100-60000 ms", 304: "request outside the access window",
        305: "no active API key", 306: "API key not confirmed", 307: "IP not allowed for this key",
        308: "signature must be 64 hex characters", 309: "invalid signature", 310: "no trading permission",
        311: "no account permission", 312: "no withdrawal permission", 315: "not allowed from a browser",
        317: "account locked", 400: "unknown server error", 415: "invalid action", 431: "market halted",
    ]
}

extension Bitvavo {
    /// The `getMarkets` action (B.5), answered with every market and its `status`.
    public static func getMarketsMessage(requestId: Int64) -> String {
        #"{"action":"getMarkets","requestId":\#(requestId)}"#
    }

    /// The markets in a `getMarkets` reply (`{"action":"getMarkets","response":[{market, status, ...}]}`), or nil
    /// when `message` is some other message.
    public static func decodeMarketsReply(_ message: [UInt8]) throws(ExchangeError) -> [ListedMarket]? {
        var outcome: Result<[ListedMarket]?, ExchangeError> = .success(nil)
        message.withUnsafeBytes { raw in
            guard let root = try? JSONScanner.document(raw), root.kind == .object else { return }
            let fields = BitvavoFields(root, in: raw)
            guard let action = fields.action, action.isString("getMarkets", in: raw) else { return }
            if let code = fields.errorCode {
                outcome = .failure(error(code: code, text: fields.errorText, action: "getMarkets"))
                return
            }
            guard let list = fields.response, list.kind == .array else {
                outcome = .failure(.malformed(.bitvavo, detail: "getMarkets reply without a response array"))
                return
            }
            var markets: [ListedMarket] = []
            var entries = JSONScanner.elements(of: list, in: raw)
            while let entry = entries.next() {
                var symbol: String?
                var trading = true
                var members = JSONScanner.members(of: entry, in: raw)
                while let (key, value) = members.next() {
                    if key.isString("market", in: raw) { symbol = value.text(in: raw) }
                    if key.isString("status", in: raw) { trading = value.isString("trading", in: raw) }
                }
                if let symbol { markets.append(ListedMarket(wireSymbol: symbol, isTrading: trading, name: symbol)) }
            }
            outcome = .success(markets)
        }
        return try outcome.get()
    }
}

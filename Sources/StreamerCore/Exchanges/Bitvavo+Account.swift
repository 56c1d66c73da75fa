extension Bitvavo {
    /// The string Bitvavo signs for `authenticate` (B.4): the timestamp in ms, `GET`, `/v2/websocket`.
    public static func authenticationSigningString(timestampMilliseconds: Int64) -> String {
        "\(timestampMilliseconds)GET/v2/websocket"
    }

    /// The `authenticate` action (B.4); `signature` is the lowercase hex HMAC-SHA256 of the signing string.
    public static func authenticateMessage(key: String, signature: String, timestampMilliseconds: Int64, window: Int)
        -> String
    {
        var quotedKey: [UInt8] = []
        JSONWriter.appendString(key, to: &quotedKey)
        let keyText = String(decoding: quotedKey, as: UTF8.self)
        return
            #"{"action":"authenticate","key":\#(keyText),"signature":"\#(signature)","timestamp":\#(timestampMilliseconds),"window":\#(window)}"#
    }

    /// The access window sent with `authenticate`: how long after its timestamp the server accepts it (ms, 100–60,000).
    public static let authenticationWindow = 10_000

    /// `{"event":"authenticate","authenticated":true}` (B.4); `false` is a refusal.
    func authenticateEvent(_ root: JSONToken, in message: UnsafeRawBufferPointer) throws(ExchangeError)
        -> ExchangeNotice
    {
        guard JSONMembers(root, in: message).bool("authenticated") == true else {
            throw .authenticationRefused(.bitvavo, message: "authenticate answered without 'authenticated: true'")
        }
        return .authenticated
    }

    /// An `account` `order` event (B.3): the order's state after a change, ms `updated`/`created`, exact amounts.
    func accountOrder(_ root: JSONToken, market: Market, in message: UnsafeRawBufferPointer, receivedAt: Timestamp)
        throws(ExchangeError) -> OrderEvent
    {
        let fields = JSONMembers(root, in: message)
        guard let id = fields.text("orderId") else { throw accountField("orderId", "order", market) }
        let status = fields.text("status")
        let change: OrderEvent.Change =
            switch status {
            case "new", "awaitingTrigger": .created
            case "filled", "canceled", "canceledAuction", "canceledSelfTradePrevention", "canceledIOC", "canceledFOK",
                "canceledMarketProtection", "canceledPostOnly", "expired", "rejected":
                .deleted
            default: .changed
            }
        let side = fields.text("side").flatMap(Side.init(rawValue:))
        let remaining = fields.decimal("amountRemaining") ?? fields.decimal("amount")
        let milliseconds = fields.int64("updated") ?? fields.int64("created")
        return OrderEvent(
            header: EventHeader(
                exchange: .bitvavo, market: market, ts: milliseconds.map { Timestamp($0, .milliseconds) },
                recv: receivedAt),
            event: change, id: id, side: side, price: fields.decimal("price") ?? .zero, amount: remaining ?? .zero,
            subtype: fields.text("orderType"),
            account: AccountOrder(
                status: status, amountFilled: fields.decimal("filledAmount"), amountOriginal: fields.decimal("amount"),
                clientOrderID: fields.text("clientOrderId"), stopPrice: fields.decimal("triggerPrice")))
    }

    /// An `account` `fill` event (B.3): ms `timestamp`, `fillId`, `orderId`, `taker`, `fee` and `feeCurrency`.
    func accountFill(_ root: JSONToken, market: Market, in message: UnsafeRawBufferPointer, receivedAt: Timestamp)
        throws(ExchangeError) -> Fill
    {
        let fields = JSONMembers(root, in: message)
        guard let id = fields.text("fillId") else { throw accountField("fillId", "fill", market) }
        guard let price = fields.decimal("price") else { throw accountField("price", "fill", market) }
        guard let amount = fields.decimal("amount") else { throw accountField("amount", "fill", market) }
        let side = fields.text("side").flatMap(Side.init(rawValue:))
        return Fill(
            header: EventHeader(
                exchange: .bitvavo, market: market, ts: fields.int64("timestamp").map { Timestamp($0, .milliseconds) },
                recv: receivedAt),
            id: id, orderID: fields.text("orderId"), side: side, price: price, amount: amount,
            fee: fields.decimal("fee"),
            feeCurrency: fields.text("feeCurrency"), liquidity: fields.bool("taker").map { $0 ? "taker" : "maker" },
            clientOrderID: fields.text("clientOrderId"))
    }

    private func accountField(_ field: String, _ what: String, _ market: Market) -> ExchangeError {
        .malformed(.bitvavo, detail: "\(what) for \(market) lacks a valid '\(field)'")
    }
}

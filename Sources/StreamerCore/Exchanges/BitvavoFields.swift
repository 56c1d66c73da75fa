/// The top-level members of a Bitvavo message, found in one pass (channel events are flat objects, B.3).
struct BitvavoFields {
    var event: JSONToken?
    var action: JSONToken?
    var requestId: Int64?
    var errorCode: Int64?
    var errorToken: JSONToken?
    var market: JSONToken?
    var timestamp: JSONToken?
    var id: JSONToken?
    var amount: JSONToken?
    var price: JSONToken?
    var side: JSONToken?
    var nonce: JSONToken?
    var bids: JSONToken?
    var asks: JSONToken?
    var data: JSONToken?
    var candle: JSONToken?
    var interval: JSONToken?
    var response: JSONToken?
    var bestBid: JSONToken?
    var bestBidSize: JSONToken?
    var bestAsk: JSONToken?
    var bestAskSize: JSONToken?
    var lastPrice: JSONToken?
    private let message: UnsafeRawBufferPointer

    /// Reads the members of `object`.
    init(_ object: JSONToken, in message: UnsafeRawBufferPointer) {
        self.message = message
        var members = JSONScanner.members(of: object, in: message)
        while let (key, value) = members.next() {
            switch key.end - key.start {
            case 2 where key.isString("id", in: message): id = value
            case 4 where key.isString("side", in: message): side = value
            case 4 where key.isString("bids", in: message): bids = value
            case 4 where key.isString("asks", in: message): asks = value
            case 4 where key.isString("data", in: message): data = value
            case 5 where key.isString("event", in: message): event = value
            case 5 where key.isString("price", in: message): price = value
            case 5 where key.isString("nonce", in: message): nonce = value
            case 5 where key.isString("error", in: message): errorToken = value
            case 6 where key.isString("action", in: message): action = value
            case 6 where key.isString("market", in: message): market = value
            case 6 where key.isString("amount", in: message): amount = value
            case 6 where key.isString("candle", in: message): candle = value
            case 7 where key.isString("bestBid", in: message): bestBid = value
            case 7 where key.isString("bestAsk", in: message): bestAsk = value
            case 8 where key.isString("interval", in: message): interval = value
            case 8 where key.isString("response", in: message): response = value
            case 9 where key.isString("timestamp", in: message): timestamp = value
            case 9 where key.isString("requestId", in: message): requestId = value.int64(in: message)
            case 9 where key.isString("errorCode", in: message): errorCode = value.int64(in: message)
            case 9 where key.isString("lastPrice", in: message): lastPrice = value
            case 11 where key.isString("bestBidSize", in: message): bestBidSize = value
            case 11 where key.isString("bestAskSize", in: message): bestAskSize = value
            default: break
            }
        }
    }

    /// The `error` text, or a placeholder.
    var errorText: String { errorToken.map { $0.text(in: message) } ?? "no error text" }
}

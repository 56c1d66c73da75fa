/// Bitvavo WebSocket API v2 (`wss://ws.bitvavo.com/v2/`); wire formats in reference/exchange-messages.md Part B.
///
/// One connection carries channel events (`{"event": ...}`) and action replies (`{"action": ..., "requestId": n,
/// "response": ...}`); every subscription goes out in a single `subscribe` action.
public struct Bitvavo: ExchangeAdapter {
    public var id: ExchangeID { .bitvavo }
    public var defaultEndpoint: String { "wss://ws.bitvavo.com/v2/" }
    public var heartbeatMessage: String? { nil }
    public var maxConnectionAge: Duration? { nil }  // Bitvavo has no application heartbeat; WebSocket pings serve
    /// The channels this build streams from Bitvavo.
    static let streamableChannels: [Channel] = [
        .trades, .ticker, .ticker24h, .candles, .book, .account, .myOrders, .myTrades,
    ]

    private let subscriptions: [Subscription]
    let interval: CandleInterval
    private let markets: [(wire: [UInt8], market: Market)]
    /// Which `account` events were asked for: `my-orders` wants orders, `my-trades` fills, `account` both.
    let accountOrders: Bool
    let accountFills: Bool

    /// An adapter for `subscriptions`; `interval` is the candle length.
    public init(subscriptions: [Subscription], interval: CandleInterval = .oneMinute) {
        self.subscriptions = subscriptions
        self.interval = interval
        accountOrders = subscriptions.contains { $0.channel == .account || $0.channel == .myOrders }
        accountFills = subscriptions.contains { $0.channel == .account || $0.channel == .myTrades }
        var seen: Set<Market> = []
        markets = subscriptions.compactMap { subscription in
            guard seen.insert(subscription.market).inserted else { return nil }
            return (Array(Bitvavo.wireSymbol(subscription.market).utf8), subscription.market)
        }
    }

    /// Bitvavo's market id: uppercase `BASE-QUOTE` (B.0).
    static func wireSymbol(_ market: Market) -> String { "\(market.base)-\(market.quote)" }

    /// The only place our channels map to Bitvavo's (DESIGN.md §2); nil for channels Bitvavo lacks.
    static func wireChannel(_ channel: Channel) -> String? {
        switch channel {
        case .trades: "trades"
        case .ticker: "ticker"
        case .ticker24h: "ticker24h"
        case .candles: "candles"
        case .book: "book"  // + the getBook snapshot over the same connection, nonce-checked (B.7)
        case .account, .myOrders, .myTrades: "account"  // orders and fills; after `authenticate` (B.3, B.4)
        case .bookTop100, .bookL3, .orders, .funding, .selfTrades, .mySettlements, .liquidations: nil
        }
    }

    /// One `subscribe` action carrying every channel and market (B.2); candles carry the interval.
    ///
    /// `access` is unused: Bitvavo authenticates the connection first (B.4).
    public func subscribeMessages(access: ChannelAccess?) throws(ExchangeError) -> [String] {
        var channels: [String] = []
        var order: [String] = []
        var marketsByChannel: [String: [String]] = [:]
        for subscription in subscriptions {
            guard let name = Bitvavo.wireChannel(subscription.channel) else {
                throw .unsupportedChannel(subscription.channel, .bitvavo)
            }
            if marketsByChannel[name] == nil { order.append(name) }
            let symbol = Bitvavo.wireSymbol(subscription.market)
            if marketsByChannel[name, default: []].contains(symbol) == false {
                marketsByChannel[name, default: []].append(symbol)
            }
        }
        for name in order {
            let list = (marketsByChannel[name] ?? []).map { "\"\($0)\"" }.joined(separator: ",")
            let interval = name == "candles" ? #","interval":["\#(self.interval.name)"]"# : ""
            channels.append(#"{"name":"\#(name)"\#(interval),"markets":[\#(list)]}"#)
        }
        guard !channels.isEmpty else { return [] }
        return [#"{"action":"subscribe","channels":[\#(channels.joined(separator: ","))]}"#]
    }

    public func snapshotRequest(for market: Market, requestId: Int64) -> String? {
        Bitvavo.getBookMessage(market, requestId: requestId)
    }

    /// The `getBook` action for a local book's snapshot (B.5; depth 1000 so deep unchanged levels are not missed).
    public static func getBookMessage(_ market: Market, requestId: Int64) -> String {
        #"{"action":"getBook","requestId":\#(requestId),"market":"\#(wireSymbol(market))","depth":1000}"#
    }

    /// The market for a wire symbol we subscribed to, compared as bytes.
    func market(_ token: JSONToken, in message: UnsafeRawBufferPointer) -> Market? {
        markets.first { token.isString($0.wire, in: message) }?.market
    }

    public func decode(
        _ message: UnsafeRawBufferPointer, receivedAt: Timestamp, into events: inout [MarketEvent]
    ) throws(ExchangeError) -> ExchangeNotice? {
        let root: JSONToken
        do { root = try JSONScanner.document(message) } catch { throw .malformed(.bitvavo, detail: error.description) }
        guard root.kind == .object else { throw .malformed(.bitvavo, detail: "message is not a JSON object") }
        let fields = BitvavoFields(root, in: message)
        if let code = fields.errorCode {
            throw Bitvavo.error(code: code, text: fields.errorText, action: fields.action?.text(in: message))
        }
        if let action = fields.action {
            return try response(action, fields, in: message, receivedAt: receivedAt)
        }
        guard let event = fields.event else {
            throw .malformed(.bitvavo, detail: "message without 'event' or 'action'")
        }
        return try channelEvent(event, root, fields, in: message, receivedAt: receivedAt, into: &events)
    }
}

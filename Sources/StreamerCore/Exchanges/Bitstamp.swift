/// Bitstamp WebSocket API v2 (`wss://ws.bitstamp.net`); wire formats in reference/exchange-messages.md Part A.
public struct Bitstamp: ExchangeAdapter {
    public var id: ExchangeID { .bitstamp }
    public var defaultEndpoint: String { "wss://ws.bitstamp.net" }
    /// Channels one connection may carry (A.0).
    static let maxChannelsPerConnection = 1024
    /// Client frames must stay below this size (A.0).
    static let maxFrameBytes = 512
    /// The channels this build streams from Bitstamp.
    static let streamableChannels: [Channel] = [
        .trades, .orders, .book, .bookTop100, .bookL3, .ticker, .funding, .candles,
        .myOrders, .myTrades, .account, .selfTrades, .mySettlements, .liquidations,
    ]

    /// The kinds of Bitstamp public channel, named by their wire prefix (A.3).
    enum WireChannel: String, CaseIterable, Sendable {
        case liveTrades = "live_trades_"
        case liveOrders = "live_orders_"
        case orderBook = "order_book_"
        case detailOrderBook = "detail_order_book_"
        case diffOrderBook = "diff_order_book_"
        case fundingRate = "funding_rate_"
        /// Private channels (A.4): `<prefix><market>-<userId>`, or `<prefix>-<userId>` for the account-wide ones.
        case myOrders = "private-my_orders_"
        case myTrades = "private-my_trades_"
        case selfTrades = "private-live_trades_"
        case mySettlements = "private-my_settlements"
        case myLiquidations = "private-my_liquidations"

        /// Whether subscribing needs a WebSocket token, and the name a `-<userId>` suffix.
        var isPrivate: Bool {
            switch self {
            case .myOrders, .myTrades, .selfTrades, .mySettlements, .myLiquidations: true
            case .liveTrades, .liveOrders, .orderBook, .detailOrderBook, .diffOrderBook, .fundingRate: false
            }
        }
    }

    /// A subscribed wire channel and what its messages mean.
    ///
    /// A class, immutable: finding a message's route hands out one reference instead of copying an array and a
    /// market (four retains and releases per message).
    final class Route: Sendable {
        let wireName: [UInt8]
        let wire: WireChannel
        let market: Market

        /// The route of `wireName`.
        init(wireName: [UInt8], wire: WireChannel, market: Market) {
            self.wireName = wireName
            self.wire = wire
            self.market = market
        }
    }

    private let subscriptions: [Subscription]
    private let verifyBooks: Bool
    let routes: [Route]

    /// An adapter for `subscriptions`; wire channels are subscribed once even if two of ours share one.
    ///
    /// `verifyBooks` adds `order_book_X` to `book` subscriptions to cross-check the local book (`--verify`).
    public init(subscriptions: [Subscription], verifyBooks: Bool = false) {
        self.subscriptions = subscriptions
        self.verifyBooks = verifyBooks
        var seen: Set<String> = []
        var routes: [Route] = []
        for subscription in subscriptions {
            for wire in Bitstamp.wireChannels(subscription.channel, verify: verifyBooks) {
                let accountWide = wire == .mySettlements || wire == .myLiquidations
                let name = wire.rawValue + (accountWide ? "" : Bitstamp.wireSymbol(subscription.market))
                if seen.insert(name).inserted {
                    routes.append(Route(wireName: Array(name.utf8), wire: wire, market: subscription.market))
                }
            }
        }
        self.routes = routes
    }

    /// Bitstamp's market id: lowercase, no separator, `-perp` for perpetuals (A.0).
    static func wireSymbol(_ market: Market) -> String {
        (market.base + market.quote).lowercased() + (market.isPerpetual ? "-perp" : "")
    }

    /// The only place our channels map to Bitstamp's (DESIGN.md §2); empty for channels Bitstamp lacks.
    static func wireChannels(_ channel: Channel, verify: Bool = false) -> [WireChannel] {
        switch channel {
        case .trades, .candles: [.liveTrades]  // candles are aggregated locally from trades
        case .orders: [.liveOrders]
        case .bookTop100, .ticker: [.orderBook]  // Bitstamp has no ticker channel: best bid/ask of the top 100
        case .bookL3: [.detailOrderBook]
        case .book: verify ? [.diffOrderBook, .orderBook] : [.diffOrderBook]  // + REST snapshot, see Book/
        case .funding: [.fundingRate]
        case .ticker24h: []
        case .myOrders: [.myOrders]
        case .myTrades: [.myTrades]
        case .account: [.myOrders, .myTrades]
        case .selfTrades: [.selfTrades]
        case .mySettlements: [.mySettlements]
        case .liquidations: [.myLiquidations]
        }
    }

    /// The wire channel names this adapter subscribes to, in order.
    var wireNames: [String] { routes.map { String(decoding: $0.wireName, as: UTF8.self) } }

    /// One `bts:subscribe` frame per channel (A.0: one channel per frame, frames under 512 bytes); private channels
    /// carry `access`'s user id in their name and its token as `auth` (A.4).
    public func subscribeMessages(access: ChannelAccess?) throws(ExchangeError) -> [String] {
        for subscription in subscriptions where !Bitstamp.streamableChannels.contains(subscription.channel) {
            throw .unsupportedChannel(subscription.channel, .bitstamp)
        }
        // A.0: a 1025th channel silently closes the connection, and frames of 512 bytes or more are cut off.
        guard routes.count <= Bitstamp.maxChannelsPerConnection else {
            throw .tooManyChannels(.bitstamp, requested: routes.count, limit: Bitstamp.maxChannelsPerConnection)
        }
        var messages: [String] = []
        for route in routes {
            let name = String(decoding: route.wireName, as: UTF8.self)
            guard route.wire.isPrivate else {
                messages.append(#"{"event":"bts:subscribe","data":{"channel":"\#(name)"}}"#)
                continue
            }
            guard let access else {
                throw .authenticationRefused(.bitstamp, message: "no WebSocket token for '\(name)'")
            }
            messages.append(
                #"{"event":"bts:subscribe","data":{"channel":"\#(name)-\#(access.userID)","auth":"\#(access.token)"}}"#)
        }
        if let long = messages.first(where: { $0.utf8.count >= Bitstamp.maxFrameBytes }) {
            throw .malformed(.bitstamp, detail: "subscribe frame of \(long.utf8.count) bytes exceeds bitstamp's 511")
        }
        return messages
    }

    /// "Maximum connection age is 90 days" (A.0).
    public var maxConnectionAge: Duration? { .seconds(90 * 86_400) }

    /// Bitstamp's snapshots come from REST (A.5), not over the socket.
    public func snapshotRequest(for market: Market, requestId: Int64) -> String? { nil }

    /// The text frame for Bitstamp's application heartbeat (A.2).
    public var heartbeatMessage: String? { #"{"event":"bts:heartbeat"}"# }

    public func decode(
        _ message: UnsafeRawBufferPointer, receivedAt: Timestamp, into events: inout [MarketEvent]
    ) throws(ExchangeError) -> ExchangeNotice? {
        var event: JSONToken?
        var channel: JSONToken?
        var data: JSONToken?
        var trade = TradeFields()
        do {
            try Bitstamp.walk(message, event: &event, channel: &channel, data: &data, trade: &trade)
        } catch {
            throw .malformed(.bitstamp, detail: error.description)
        }
        guard let event, event.kind == .string else {
            throw .malformed(.bitstamp, detail: "message without an 'event' field")
        }
        var channelName: String { channel.map { $0.text(in: message) } ?? "" }  // built only off the hot path
        if event.isString("bts:subscription_succeeded", in: message) { return .subscribed(channelName) }
        if event.isString("bts:unsubscription_succeeded", in: message) { return .unsubscribed(channelName) }
        if event.isString("bts:heartbeat", in: message) { return .heartbeat }
        // `data` of bts:request_reconnect varies (null, "", {}): act on the event alone.
        if event.isString("bts:request_reconnect", in: message) { return .reconnectRequested }
        if event.isString("bts:error", in: message) {
            // A.2: 4009 is a missing, expired or invalid `auth` token.
            if Bitstamp.errorCode(data, in: message) == 4009 {
                throw .authenticationRefused(.bitstamp, message: errorText(data, in: message))
            }
            throw .rejected(
                .bitstamp, channel: channelName.isEmpty ? nil : channelName, message: errorText(data, in: message))
        }
        if let route = route(for: channel, in: message) {
            guard let data, data.kind == .object else {
                throw .malformed(
                    .bitstamp, detail: "'\(event.text(in: message))' on '\(channelName)' without a data object")
            }
            if route.wire == .liveTrades && event.isString("trade", in: message) {  // the hot path, appended in place
                events.append(
                    .trade(try self.trade(from: trade, in: message, market: route.market, receivedAt: receivedAt)))
                return nil
            }
            let context = DecodeContext(message: message, market: route.market, receivedAt: receivedAt)
            if let decoded = try channelEvent(route.wire, event: event, data: data, trade: trade, context) {
                events.append(decoded)
                return nil
            }
            return .unknown("event '\(event.text(in: message))' on '\(channelName)'")
        }
        return .unknown("event '\(event.text(in: message))'\(channelName.isEmpty ? "" : " on '\(channelName)'")")
    }

    /// One validating pass over a message (A.2): the top-level `event`, `channel` and `data` (last wins), and the trade
    /// fields of `data`, read as it is validated instead of scanned again.
    private static func walk(
        _ message: UnsafeRawBufferPointer, event: inout JSONToken?, channel: inout JSONToken?, data: inout JSONToken?,
        trade: inout TradeFields
    ) throws(JSONError) {
        var scanner = JSONScanner(message)
        guard try scanner.openObject(depth: 0) != nil else {
            _ = try JSONScanner.document(message)  // valid JSON but not an object: it has no 'event'
            return
        }
        var first = true
        while let key = try scanner.nextKey(isFirst: first) {
            first = false
            if key.isString("data", in: message), let start = try scanner.openObject(depth: 1) {
                trade = TradeFields()
                var firstMember = true
                while let member = try scanner.nextKey(isFirst: firstMember) {
                    firstMember = false
                    trade.capture(key: member, value: try scanner.value(depth: 2), in: message)
                }
                data = JSONToken(kind: .object, start: start, end: scanner.index, hasEscapes: false)
                continue
            }
            let value = try scanner.value(depth: 1)
            if key.isString("event", in: message) {
                event = value
            } else if key.isString("channel", in: message) {
                channel = value
            } else if key.isString("data", in: message) {
                data = value
            }
        }
        try scanner.finishDocument()
    }

    /// The route whose wire name equals the message's channel, compared as bytes; private channels match with their
    /// `-<userId>` suffix.
    private func route(for channel: JSONToken?, in message: UnsafeRawBufferPointer) -> Route? {
        guard let channel else { return nil }
        if let route = routes.first(where: { !$0.wire.isPrivate && channel.isString($0.wireName, in: message) }) {
            return route
        }
        return privateRoute(for: channel, in: message)
    }

    /// `data.code` of a `bts:error`, when it is a number (A.2).
    private static func errorCode(_ data: JSONToken?, in message: UnsafeRawBufferPointer) -> Int64? {
        guard let data, data.kind == .object else { return nil }
        var members = JSONScanner.members(of: data, in: message)
        while let (key, value) = members.next() {
            if key.isString("code", in: message) { return value.kind == .number ? value.int64(in: message) : nil }
        }
        return nil
    }

    /// `data.message` of a `bts:error`, with `data.code` when present (A.2).
    private func errorText(_ data: JSONToken?, in message: UnsafeRawBufferPointer) -> String {
        guard let data, data.kind == .object else { return "error without details" }
        var text = "error without details"
        var code: String?
        var members = JSONScanner.members(of: data, in: message)
        while let (key, value) = members.next() {
            if key.isString("message", in: message), value.kind == .string { text = value.text(in: message) }
            if key.isString("code", in: message), value.kind == .number { code = value.text(in: message) }
        }
        return code.map { "\(text) (code \($0))" } ?? text
    }
}

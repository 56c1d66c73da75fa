/// Bitstamp WebSocket API v2 (`wss://ws.bitstamp.net`); wire formats in reference/exchange-messages.md Part A.
public struct Bitstamp: ExchangeAdapter {
    public var id: ExchangeID { .bitstamp }
    public var defaultEndpoint: String { "wss://ws.bitstamp.net" }
    /// The channels this build streams from Bitstamp.
    static let streamableChannels: [Channel] = [.trades]

    /// A subscribed wire channel and what its messages mean.
    struct Route: Sendable {
        let wireName: [UInt8]
        let channel: Channel
        let market: Market
    }

    private let subscriptions: [Subscription]
    private let routes: [Route]

    /// An adapter for `subscriptions`; wire channels are subscribed once even if two of ours share one.
    public init(subscriptions: [Subscription]) {
        self.subscriptions = subscriptions
        var seen: Set<String> = []
        var routes: [Route] = []
        for subscription in subscriptions {
            for name in (try? Bitstamp.wireChannels(subscription.channel, subscription.market)) ?? []
            where seen.insert(name).inserted {  // unsupported channels were refused when the invocation was validated
                routes.append(Route(wireName: Array(name.utf8), channel: subscription.channel, market: subscription.market))
            }
        }
        self.routes = routes
    }

    /// Bitstamp's market id: lowercase, no separator, `-perp` for perpetuals (A.0).
    static func wireSymbol(_ market: Market) -> String {
        (market.base + market.quote).lowercased() + (market.isPerpetual ? "-perp" : "")
    }

    /// The only place a Bitstamp channel name is spelled (DESIGN.md §2 maps our channels to these).
    static func wireChannels(_ channel: Channel, _ market: Market) throws(ExchangeError) -> [String] {
        let pair = wireSymbol(market)
        switch channel {
        case .trades: return ["live_trades_\(pair)"]
        default: throw .unsupportedChannel(channel, .bitstamp)
        }
    }

    /// One `bts:subscribe` frame per channel (A.0: one channel per frame, frames under 512 bytes).
    public func subscribeMessages() throws(ExchangeError) -> [String] {
        for subscription in subscriptions where !Bitstamp.streamableChannels.contains(subscription.channel) {
            throw .unsupportedChannel(subscription.channel, .bitstamp)
        }
        return routes.map { route in
            #"{"event":"bts:subscribe","data":{"channel":"\#(String(decoding: route.wireName, as: UTF8.self))"}}"#
        }
    }

    public func decode(
        _ message: UnsafeRawBufferPointer, receivedAt: Timestamp, into events: inout [MarketEvent]
    ) throws(ExchangeError) -> ExchangeNotice? {
        let root: JSONToken
        do { root = try JSONScanner.document(message) } catch { throw .malformed(.bitstamp, detail: error.description) }
        var event: JSONToken?
        var channel: JSONToken?
        var data: JSONToken?
        var members = JSONScanner.members(of: root, in: message)
        while let (key, value) = members.next() {
            if key.isString("event", in: message) {
                event = value
            } else if key.isString("channel", in: message) {
                channel = value
            } else if key.isString("data", in: message) {
                data = value
            }
        }
        guard let event, event.kind == .string else {
            throw .malformed(.bitstamp, detail: "message without an 'event' field")
        }
        let channelName = channel.map { $0.text(in: message) } ?? ""
        if event.isString("trade", in: message) {
            guard let route = route(for: channel, in: message) else { return .unknown("trade on '\(channelName)'") }
            guard let data, data.kind == .object else {
                throw .malformed(.bitstamp, detail: "trade on '\(channelName)' without a data object")
            }
            events.append(.trade(try trade(from: data, in: message, market: route.market, receivedAt: receivedAt)))
            return nil
        }
        if event.isString("bts:subscription_succeeded", in: message) { return .subscribed(channelName) }
        if event.isString("bts:unsubscription_succeeded", in: message) { return .unsubscribed(channelName) }
        if event.isString("bts:heartbeat", in: message) { return .heartbeat }
        if event.isString("bts:request_reconnect", in: message) { return .reconnectRequested }  // data varies: act on event only
        if event.isString("bts:error", in: message) {
            throw .rejected(.bitstamp, channel: channelName.isEmpty ? nil : channelName, message: errorText(data, in: message))
        }
        return .unknown("event '\(event.text(in: message))'\(channelName.isEmpty ? "" : " on '\(channelName)'")")
    }

    /// The route whose wire name equals the message's channel, compared as bytes.
    private func route(for channel: JSONToken?, in message: UnsafeRawBufferPointer) -> Route? {
        guard let channel else { return nil }
        return routes.first { channel.isString($0.wireName, in: message) }
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

/// Bitvavo WebSocket API v2 (`wss://ws.bitvavo.com/v2/`); wire formats in reference/exchange-messages.md Part B.
///
/// Streaming arrives with the Bitvavo issue; this build knows its markets and endpoint only.
public struct Bitvavo: ExchangeAdapter {
    public var id: ExchangeID { .bitvavo }
    public var defaultEndpoint: String { "wss://ws.bitvavo.com/v2/" }
    public var heartbeatMessage: String? { nil }
    /// The channels this build streams from Bitvavo.
    static let streamableChannels: [Channel] = []

    private let subscriptions: [Subscription]

    /// An adapter for `subscriptions`.
    public init(subscriptions: [Subscription]) { self.subscriptions = subscriptions }

    /// Bitvavo's market id: uppercase `BASE-QUOTE` (B.0).
    static func wireSymbol(_ market: Market) -> String { "\(market.base)-\(market.quote)" }

    public func subscribeMessages() throws(ExchangeError) -> [String] {
        if let first = subscriptions.first { throw .unsupportedChannel(first.channel, .bitvavo) }
        return []
    }

    public func decode(
        _ message: UnsafeRawBufferPointer, receivedAt: Timestamp, into events: inout [MarketEvent]
    ) throws(ExchangeError) -> ExchangeNotice? {
        .unknown("bitvavo message")
    }
}

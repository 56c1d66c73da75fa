/// One exchange's wire protocol: subscribe messages out, normalized events in.
///
/// Pure: no I/O, no clock.
public protocol ExchangeAdapter: Sendable {
    /// Which exchange this is.
    var id: ExchangeID { get }
    /// The production WebSocket URL.
    var defaultEndpoint: String { get }
    /// The text frames that subscribe to every requested subscription, in order; `access` is what private channels
    /// need on this connection (Bitstamp's token; nil for public channels and for exchanges that authenticate first).
    func subscribeMessages(access: ChannelAccess?) throws(ExchangeError) -> [String]
    /// The message asking for `market`'s book snapshot over this connection, or nil when snapshots come from REST.
    func snapshotRequest(for market: Market, requestId: Int64) -> String?
    /// How long the exchange keeps a connection before closing it, if it says (Bitstamp: 90 days).
    var maxConnectionAge: Duration? { get }
    /// The application-level heartbeat to send periodically, if the exchange has one.
    var heartbeatMessage: String? { get }
    /// Decodes one text message: appends its events to `events` and returns a notice for control messages.
    func decode(
        _ message: UnsafeRawBufferPointer, receivedAt: Timestamp, into events: inout [MarketEvent]
    ) throws(ExchangeError) -> ExchangeNotice?
}

extension ExchangeAdapter {
    /// The subscribe frames of public channels.
    public func subscribeMessages() throws(ExchangeError) -> [String] { try subscribeMessages(access: nil) }
}

/// A non-data message the session may act on.
public enum ExchangeNotice: Equatable, Sendable {
    /// The exchange confirmed a subscription (wire channel name).
    case subscribed(String)
    /// The exchange confirmed an unsubscription.
    case unsubscribed(String)
    /// A reply to our application-level heartbeat.
    case heartbeat
    /// The exchange asks us to reconnect (Bitstamp maintenance).
    case reconnectRequested
    /// A message this adapter does not know; noted with `--verbose`, never printed to stdout.
    case unknown(String)
    /// A book snapshot requested over the connection (Bitvavo `getBook`), for a local book; boxed (`indirect`) so
    /// the notice every message returns stays small (it was copied whole, 145 bytes, on each decode).
    indirect case snapshot(BookUpdate, requestId: Int64?)
    /// The exchange accepted our credentials (Bitvavo `authenticate`).
    case authenticated
    /// A reply to an action (Bitvavo), matched by `requestId`.
    case response(action: String, requestId: Int64?)
}

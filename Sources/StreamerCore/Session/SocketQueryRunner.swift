/// Runs a one-shot query over the WebSocket (Bitvavo actions, B.5): connect, send the action with a request id,
/// wait for the reply with that id (other messages are skipped), close.
public struct SocketQueryRunner {
    /// The validated query.
    public let request: QueryRequest
    /// How to connect.
    public let connector: WebSocketConnector
    /// How long to wait for the reply.
    public let timeoutMilliseconds: Int64

    /// A runner for `request` over `connector`.
    public init(request: QueryRequest, connector: WebSocketConnector, timeoutMilliseconds: Int64 = 10_000) {
        self.request = request
        self.connector = connector
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// The events of the reply, in order.
    public func events() throws -> [MarketEvent] {
        let client = try connector.connect()
        defer { client.close(.normal) }
        let requestId: Int64 = 1
        try client.send(
            text: Bitvavo.queryMessage(
                request.kind, market: request.market, depth: request.depth ?? 10, limit: request.limit,
                interval: request.interval, requestId: requestId))
        let deadline = Platform.monotonicNanoseconds() + timeoutMilliseconds * 1_000_000
        while true {
            if Platform.pendingStopSignal != nil { throw WebSocketError.connectionLost(peer: client.peerName) }
            let remaining = (deadline - Platform.monotonicNanoseconds()) / 1_000_000
            guard remaining > 0 else {
                throw TransportError.timeout(
                    peer: client.peerName, step: "waiting for the reply to '\(request.kind.rawValue)' from")
            }
            switch try client.next(timeoutMilliseconds: Int32(clamping: min(remaining, 250))) {
            case .idle: continue
            case .closed(let code, let reason):
                throw WebSocketError.closedByServer(peer: client.peerName, code: code, reason: reason)
            case .message(let message):
                let received = Timestamp(Platform.wallClockNanoseconds() / 1_000, .microseconds)
                if let events = try Bitvavo.decodeQueryReply(
                    message.bytes, kind: request.kind, requestId: requestId, market: request.market,
                    interval: request.interval, receivedAt: received)
                {
                    return events
                }
            }
        }
    }
}

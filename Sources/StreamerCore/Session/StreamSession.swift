/// One streaming run: connect, subscribe, then read → decode → derive → render → write until a stop condition.
///
/// Blocking I/O on the calling thread (DESIGN.md §4); the poll timeout is the nearest deadline.
public final class StreamSession {
    let plan: StreamPlan
    let adapter: any ExchangeAdapter
    var renderer: any EventRenderer
    let sink: OutputSink
    let diagnostics: any Diagnostics
    let snapshots: (any BookSnapshotSource)?
    var pipeline: EventPipeline
    var emitted = 0
    var decoded: [MarketEvent] = []
    var printable: [MarketEvent] = []
    var actions: [PipelineAction] = []
    var pendingSubscriptions: [String] = []
    var heartbeatSentAt: Int64?
    var reconnectRequested = false
    var connectedOnce = false
    /// In-band snapshot requests (Bitvavo `getBook`) awaiting their reply, by request id.
    var snapshotRequests: [Int64: Market] = [:]
    var nextRequestId: Int64 = 1
    /// After a rate-limit reply: when the held snapshot requests may be sent again, and the next backoff.
    var retryAt: Int64?
    var retryMarkets: [Market] = []
    var backoffNanoseconds: Int64 = 1_000_000_000
    /// Longest single wait, so a signal landing just before poll(2) is still seen promptly.
    static let maxWaitMilliseconds: Int32 = 250

    /// A session that prints through `renderer` into `sink`, fetches book snapshots from `snapshots`, and reports to
    /// `diagnostics`.
    public init(
        plan: StreamPlan, renderer: any EventRenderer, sink: OutputSink, diagnostics: any Diagnostics,
        snapshots: (any BookSnapshotSource)? = nil
    ) {
        self.plan = plan
        self.adapter = plan.exchange.adapter(
            for: plan.subscriptions, verifyBooks: plan.pipeline.verify, interval: plan.pipeline.interval)
        self.renderer = renderer
        self.sink = sink
        self.diagnostics = diagnostics
        self.snapshots = snapshots
        self.pipeline = EventPipeline(
            exchange: plan.exchange, subscriptions: plan.subscriptions, options: plan.pipeline)
        decoded.reserveCapacity(64)
        printable.reserveCapacity(64)
    }

    /// Runs until a stop condition; throws on connection, protocol, exchange or output failures.
    public func run() throws -> StopReason {
        let started = Platform.monotonicNanoseconds()
        let deadline = plan.duration.map { started + Self.nanoseconds($0) }
        let subscribeMessages = try adapter.subscribeMessages()
        var client = try connect(subscribing: subscribeMessages)
        while true {
            do {
                let reason = try loop(client, deadline: deadline)
                if reason == nil {  // the exchange asked us to reconnect
                    client.close(.goingAway, reason: "reconnect requested")
                    try markDisconnect()
                    client = try connect(subscribing: subscribeMessages)
                    continue
                }
                try finish()
                if let reason { return reason }
            } catch {
                try? finish()  // keep what was received; a second failure here changes nothing
                client.close(.normal)
                throw error
            }
        }
    }

    private func connect(subscribing messages: [String]) throws -> WebSocketClient {
        diagnostics.note("connecting to \(plan.connector.url)")
        let client = try plan.connector.connect()
        diagnostics.note("connected to \(client.peerName)")
        for warning in plan.warningsAfterConnect where !connectedOnce { diagnostics.warning(warning) }
        if let check = plan.socketMarketCheck, !connectedOnce { try preflight(check, on: client) }
        connectedOnce = true
        for message in messages {
            diagnostics.note("sending \(message)")
            try client.send(text: message)
        }
        pendingSubscriptions = messages
        snapshotRequests = [:]
        heartbeatSentAt = nil
        reconnectRequested = false
        return client
    }

    /// Reads until a stop condition (returned) or a reconnect request (nil).
    private func loop(_ client: WebSocketClient, deadline: Int64?) throws -> StopReason? {
        var waitMilliseconds: Int32 = 0  // first try without blocking, flush, then block
        var nextHeartbeat = Platform.monotonicNanoseconds() + Self.nanoseconds(plan.heartbeatInterval)
        var nextTick = Platform.monotonicNanoseconds()
        while true {
            if let signal = Platform.pendingStopSignal {
                try finish()
                client.close(.normal)
                return .signal(signal)
            }
            let now = Platform.monotonicNanoseconds()
            if let deadline, now >= deadline {
                try finish()
                client.close(.normal)
                return .durationElapsed
            }
            if now >= nextHeartbeat, let heartbeat = adapter.heartbeatMessage {
                try client.send(text: heartbeat)
                heartbeatSentAt = now
                nextHeartbeat = now + Self.nanoseconds(plan.heartbeatInterval)
            }
            if let due = retryAt, now >= due {
                retryAt = nil
                let markets = retryMarkets
                retryMarkets = []
                for market in markets { try requestInBand(market, on: client) }
            }
            if pipeline.needsTicks && now >= nextTick {
                nextTick = now + 100_000_000
                pipeline.tick(now: Self.wallClock(), into: &printable)
                if try emitPrintable() { return .countReached(client) }
            }
            var timeout = min(waitMilliseconds, Int32(clamping: max(0, (nextHeartbeat - now) / 1_000_000)))
            if let deadline { timeout = min(timeout, Int32(clamping: max(0, (deadline - now) / 1_000_000))) }
            switch try client.next(timeoutMilliseconds: timeout) {
            case .idle:
                if waitMilliseconds == 0 { try sink.flush() }  // input went quiet: readers see every line now
                waitMilliseconds = Self.maxWaitMilliseconds
            case .closed(let code, let reason):
                if code == nil || code == .normal || code == .goingAway {
                    diagnostics.note(
                        "server closed the connection (\(code.map(String.init(describing:)) ?? "no status"))")
                    return .serverClosed
                }
                throw WebSocketError.closedByServer(peer: client.peerName, code: code, reason: reason)
            case .message(let message):
                waitMilliseconds = 0
                if try handle(message, client: client) { return .countReached(client) }
                if reconnectRequested { return nil }
            }
        }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }

    static func wallClock() -> Timestamp { Timestamp(Platform.wallClockNanoseconds() / 1_000, .microseconds) }
}

extension StopReason {
    /// `--count` reached: closes `client` normally on the way out.
    static func countReached(_ client: WebSocketClient) -> StopReason {
        client.close(.normal)
        return .countReached
    }
}

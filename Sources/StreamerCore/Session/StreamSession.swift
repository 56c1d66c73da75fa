/// One streaming run: connect, subscribe, then read → decode → derive → render → write until a stop condition.
///
/// Blocking I/O on the calling thread (DESIGN.md §4); the poll timeout is the nearest deadline.
public final class StreamSession {
    let plan: StreamPlan
    let adapter: any ExchangeAdapter
    /// Where printed events go (stdout or `-o` files).
    let output: OutputRouter
    let diagnostics: any Diagnostics
    let snapshots: (any BookSnapshotSource)?
    /// `--record`: every message received, with its receive time (nil when not recording).
    let recorder: Recorder?
    /// How connections get into private channels (nil: public channels only).
    let access: PrivateAccess?
    /// Whether this connection's one retry with a new token after a Bitstamp 4009 has been used.
    var tokenRetried = false
    // The per-message state below is used only by this session's own thread and never re-entrantly, so it opts out of
    // the runtime exclusivity check (a library call on every access: about a tenth of a trade's time end to end).
    @exclusivity(unchecked) var pipeline: EventPipeline
    @exclusivity(unchecked) var emitted = 0
    @exclusivity(unchecked) var decoded: [MarketEvent] = []
    @exclusivity(unchecked) var printable: [MarketEvent] = []
    @exclusivity(unchecked) var actions: [PipelineAction] = []
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
    /// When the current connection was opened (monotonic ns).
    var connectedAt: Int64 = 0
    /// Receive time of the last message (for `gap.since` after a disconnect).
    @exclusivity(unchecked) var lastMessageAt: Timestamp?
    /// Drops duplicates while two connections overlap.
    @exclusivity(unchecked) var deduplicator = OverlapDeduplicator()
    /// Set when `--count` was reached during a handover.
    var stopAfterHandover: StopReason?
    /// Connections lost and re-established so far.
    var reconnects = 0
    /// The status line's state, when shown.
    var statusLine: StatusLine?
    /// When the status line is next redrawn (monotonic ns).
    var nextStatusAt: Int64 = 0
    /// Longest single wait, so a signal landing just before poll(2) is still seen promptly.
    static let maxWaitMilliseconds: Int32 = 250

    /// A session that prints through `output`, fetches book snapshots from `snapshots`, reports to `diagnostics`,
    /// records what it receives to `recorder`, and enters private channels with `access`.
    public init(
        plan: StreamPlan, output: OutputRouter, diagnostics: any Diagnostics,
        snapshots: (any BookSnapshotSource)? = nil, recorder: Recorder? = nil, access: PrivateAccess? = nil
    ) {
        self.access = access
        self.plan = plan
        self.adapter = plan.exchange.adapter(
            for: plan.subscriptions, verifyBooks: plan.pipeline.verify, interval: plan.pipeline.interval)
        self.output = output
        self.diagnostics = diagnostics
        self.snapshots = RecordingSnapshotSource.wrapping(snapshots, recorder: recorder)  // record: REST snapshots
        self.recorder = recorder
        self.pipeline = EventPipeline(
            exchange: plan.exchange, subscriptions: plan.subscriptions, options: plan.pipeline)
        decoded.reserveCapacity(64)
        printable.reserveCapacity(64)
    }

    /// Runs until a stop condition; reconnects after lost connections (DESIGN.md §6); throws on failures it
    /// cannot or may not retry (protocol errors, refused subscriptions, output errors, retries exhausted).
    public func run() throws -> StopReason {
        let deadline = plan.duration.map { Platform.monotonicNanoseconds() + Self.nanoseconds($0) }
        try checkSubscriptions()  // unsupported channels and limits fail before anything connects
        if plan.showStatus { statusLine = StatusLine(now: Platform.monotonicNanoseconds()) }
        defer { if plan.showStatus { diagnostics.status(nil) } }  // leave the terminal clean, whatever the ending
        var policy = plan.reconnect
        var current: WebSocketClient?
        while true {
            guard let client = current else {
                do {
                    current = try connect()
                    policy.connected(at: Platform.monotonicNanoseconds())
                } catch  where Self.isRetryable(error) {
                    if let stop = try backOff(after: error, policy: &policy, deadline: deadline) { return stop }
                }
                continue
            }
            do {
                switch try loop(client, deadline: deadline) {
                case .stop(let reason):
                    try finish()
                    return reason
                case .handover:
                    current = try handover(from: client)
                    policy.connected(at: Platform.monotonicNanoseconds())
                    if let reason = stopAfterHandover {
                        current?.close(.normal)
                        try finish()
                        return reason
                    }
                }
            } catch  where Self.isRetryable(error) && policy.enabled {
                client.close(.normal)
                current = nil
                try markDisconnect()
                reconnects += 1
                if let stop = try backOff(after: error, policy: &policy, deadline: deadline, lost: true) { return stop }
            } catch {
                try? finish()  // keep what was received; a second failure here changes nothing
                client.close(.normal)
                throw error
            }
        }
    }

    /// Waits the policy's backoff (interruptible); nil to try again, a stop reason when the run ended meanwhile.
    ///
    /// Throws `error` when retrying is off or exhausted.
    private func backOff(after error: any Error, policy: inout ReconnectPolicy, deadline: Int64?, lost: Bool = false)
        throws -> StopReason?
    {
        let decision = policy.failed(at: Platform.monotonicNanoseconds(), random: Platform.randomWord())
        guard case .retry(let delay, let attempt) = decision else {
            try? finish()
            if let maxRetries = policy.maxRetries, maxRetries > 0, policy.enabled {
                throw SessionError.retriesExhausted(attempts: maxRetries, last: "\(error)")
            }
            throw error
        }
        let limit = policy.maxRetries.map { " of \($0)" } ?? ""
        let what = lost ? "lost the connection: \(error)" : "\(error)"
        diagnostics.warning("\(what); reconnecting in \(Self.seconds(delay)) s (attempt \(attempt)\(limit))")
        try output.flush()
        let wakeAt = Platform.monotonicNanoseconds() + delay
        while true {
            if let signal = Platform.pendingStopSignal {
                try finish()
                return .signal(signal)
            }
            let now = Platform.monotonicNanoseconds()
            if let deadline, now >= deadline {
                try finish()
                return .durationElapsed
            }
            guard now < wakeAt else { return nil }
            Platform.pause(
                milliseconds: Int32(clamping: min(Int64(Self.maxWaitMilliseconds), (wakeAt - now) / 1_000_000 + 1)))
        }
    }

    /// Whether a failure is worth a reconnect: lost or refused connections, silence, server restarts.
    ///
    /// Not: protocol violations, rejected certificates, refused upgrades (but 5xx/429), exchange refusals, output
    /// errors.
    static func isRetryable(_ error: any Error) -> Bool {
        switch error {
        case let error as WebSocketError:
            switch error {
            case .transport(.certificateRejected), .transport(.caFile): return false
            case .transport, .connectionLost: return true
            case .handshake(_, .unexpectedStatus(let line)):
                let code = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
                return code >= 500 || code == 429
            case .handshake(_, .closedDuringHandshake): return true
            case .handshake, .protocolViolation: return false
            case .closedByServer(_, let code, _):
                return [1001, 1006, 1011, 1012, 1013, 1014].contains(code?.rawValue ?? 1006)
            }
        case is SessionError: return true
        case is TransportError: return true
        default: return false
        }
    }

    /// Opens a connection, checks markets (once), enters private channels, and subscribes.
    func connect() throws -> WebSocketClient {
        let grant = try mintToken()  // before the socket: a refused key ends the run without a useless connection
        diagnostics.note("connecting to \(plan.connector.url)")
        let client = try plan.connector.connect()
        try recorder?.connected(client, at: Self.wallClock())  // record: connection number
        diagnostics.note("connected to \(client.peerName)")
        for warning in plan.warningsAfterConnect where !connectedOnce { diagnostics.warning(warning) }
        if let check = plan.socketMarketCheck, !connectedOnce { try preflight(check, on: client) }
        connectedOnce = true
        let messages: [String]
        do {
            messages = try subscribeMessages(on: client, grant: grant)
        } catch {
            client.close(.normal)
            throw error
        }
        for message in messages {
            diagnostics.note("sending \(Self.redacted(message))")
            try client.send(text: message)
        }
        pendingSubscriptions = messages
        tokenRetried = false  // one retry with a new token per connection after a 4009
        snapshotRequests = [:]
        heartbeatSentAt = nil
        reconnectRequested = false
        connectedAt = Platform.monotonicNanoseconds()
        return client
    }

    /// How a read loop ended.
    enum LoopOutcome {
        /// The run is over.
        case stop(StopReason)
        /// Switch to a new connection without a gap (exchange request or maximum age).
        case handover
    }

    /// Reads until a stop condition or a planned handover; throws when the connection fails.
    private func loop(_ client: WebSocketClient, deadline: Int64?) throws -> LoopOutcome {
        var waitMilliseconds: Int32 = 0  // first try without blocking, flush, then block
        var now = Platform.monotonicNanoseconds()
        var nextHeartbeat = now + Self.nanoseconds(plan.heartbeatInterval)
        var nextTick = now
        let idleTimeout = Self.nanoseconds(plan.idleTimeout)
        let pingInterval = max(idleTimeout / 3, 100_000_000)
        var lastPing = now
        // Hand over an hour before the exchange's maximum connection age (Bitstamp: 90 days).
        let retireAt = adapter.maxConnectionAge.map { connectedAt + Self.nanoseconds($0) - 3_600_000_000_000 }
        var handledMessage = false
        while true {
            if let signal = Platform.pendingStopSignal {
                try finish()
                client.close(.normal)
                return .stop(.signal(signal))
            }
            // The clock is read once per socket read, not per message: right after a message, `now` is the time of
            // the read that last returned bytes (the client reads the clock then) if that is later, so the messages
            // one read completed share it. Otherwise (waiting, idle) it is read here.
            now = handledMessage ? max(now, client.lastActivity) : Platform.monotonicNanoseconds()
            handledMessage = false
            if let deadline, now >= deadline {
                try finish()
                client.close(.normal)
                return .stop(.durationElapsed)
            }
            if reconnectRequested || (retireAt.map { now >= $0 } ?? false) { return .handover }
            // Liveness (DESIGN.md §6): a ping after a third of the idle timeout of silence; nothing at all by the
            // timeout (not even the pong) means the link is dead.
            let silence = now - client.lastActivity
            if silence >= idleTimeout {
                throw SessionError.idle(peer: client.peerName, seconds: idleTimeout / 1_000_000_000)
            }
            if silence >= pingInterval && now - lastPing >= pingInterval {
                try client.ping(Array("streamer".utf8))
                lastPing = now
            }
            if now >= nextHeartbeat, let heartbeat = adapter.heartbeatMessage {
                try client.send(text: heartbeat)
                // Not `now`, which may be the last read's time: the round trip is timed from the send.
                heartbeatSentAt = Platform.monotonicNanoseconds()
                nextHeartbeat = now + Self.nanoseconds(plan.heartbeatInterval)
            }
            if let due = retryAt, now >= due {
                retryAt = nil
                let markets = retryMarkets
                retryMarkets = []
                for market in markets { try requestInBand(market, on: client) }
            }
            if statusLine != nil && now >= nextStatusAt { drawStatus(now: now) }
            if pipeline.needsTicks && now >= nextTick {
                nextTick = now + 100_000_000
                let tickAt = Self.wallClock()
                pipeline.tick(now: tickAt, into: &printable)
                if !printable.isEmpty { try recorder?.tick(at: tickAt) }  // record: ticks that print, for replay
                if try emitPrintable() { return .stop(.countReached(client)) }
            }
            let watchdog = min(client.lastActivity + idleTimeout, max(lastPing, client.lastActivity) + pingInterval)
            var timeout = min(
                waitMilliseconds, Int32(clamping: max(0, (min(nextHeartbeat, watchdog) - now) / 1_000_000)))
            if let deadline { timeout = min(timeout, Int32(clamping: max(0, (deadline - now) / 1_000_000))) }
            if statusLine != nil { timeout = min(timeout, Int32(clamping: max(0, (nextStatusAt - now) / 1_000_000))) }
            switch try client.next(timeoutMilliseconds: timeout) {
            case .idle:
                if waitMilliseconds == 0 {  // input went quiet: readers see every line now
                    try output.flush()
                    try recorder?.flush()  // record
                }
                waitMilliseconds = Self.maxWaitMilliseconds
            case .closed(let code, let reason):
                if code == nil || code == .normal {
                    diagnostics.note(
                        "server closed the connection (\(code.map(String.init(describing:)) ?? "no status"))")
                    return .stop(.serverClosed)
                }
                throw WebSocketError.closedByServer(peer: client.peerName, code: code, reason: reason)
            case .message(let message):
                waitMilliseconds = 0
                if try handle(message, client: client) { return .stop(.countReached(client)) }
                client.recycle(message.bytes)
                handledMessage = true
            }
        }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }

    static func wallClock() -> Timestamp { Timestamp(Platform.wallClockNanoseconds() / 1_000, .microseconds) }

    /// Redraws the status line (twice a second).
    func drawStatus(now: Int64) {
        nextStatusAt = now + 500_000_000
        let age = lastMessageAt.map { Platform.wallClockNanoseconds() - $0.value(in: .nanoseconds) }
        guard
            let text = statusLine?.text(
                now: now, events: emitted, reconnects: reconnects, lastMessageAge: age, bytes: output.bytesWritten)
        else { return }
        diagnostics.status(text)
    }

    /// Nanoseconds as seconds with one decimal, for messages.
    static func seconds(_ nanoseconds: Int64) -> String {
        let tenths = (nanoseconds + 50_000_000) / 100_000_000
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension StopReason {
    /// `--count` reached: closes `client` normally on the way out.
    static func countReached(_ client: WebSocketClient) -> StopReason {
        client.close(.normal)
        return .countReached
    }
}

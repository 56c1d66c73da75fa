/// One streaming run: connect, subscribe, then read → decode → render → write until a stop condition.
/// Blocking I/O on the calling thread (DESIGN.md §4); the poll timeout is the next deadline.
public final class StreamSession {
    private let plan: StreamPlan
    private let adapter: any ExchangeAdapter
    private var renderer: any EventRenderer
    private let sink: OutputSink
    private let diagnostics: any Diagnostics
    private var emitted = 0
    private var events: [MarketEvent] = []
    /// Longest single wait, so a signal landing just before poll(2) is still seen promptly.
    private static let maxWaitMilliseconds: Int32 = 250

    /// A session that prints through `renderer` into `sink` and reports to `diagnostics`.
    public init(plan: StreamPlan, renderer: any EventRenderer, sink: OutputSink, diagnostics: any Diagnostics) {
        self.plan = plan
        self.adapter = plan.exchange.adapter(for: plan.subscriptions)
        self.renderer = renderer
        self.sink = sink
        self.diagnostics = diagnostics
        events.reserveCapacity(64)
    }

    /// Runs until a stop condition; throws on connection, protocol, exchange or output failures.
    public func run() throws -> StopReason {
        let started = Platform.monotonicNanoseconds()
        let deadline = plan.duration.map { started + Int64($0.components.seconds) * 1_000_000_000 + $0.components.attoseconds / 1_000_000_000 }
        let subscribeMessages = try adapter.subscribeMessages()
        diagnostics.note("connecting to \(plan.connector.url)")
        let client = try plan.connector.connect()
        do {
            diagnostics.note("connected to \(client.peerName)")
            for message in subscribeMessages {
                diagnostics.note("sending \(message)")
                try client.send(text: message)
            }
            let reason = try loop(client, deadline: deadline)
            try sink.flush()
            return reason
        } catch {
            try? sink.flush()  // keep what was received; a second failure here changes nothing
            client.close(.normal)
            throw error
        }
    }

    private func loop(_ client: WebSocketClient, deadline: Int64?) throws -> StopReason {
        var waitMilliseconds: Int32 = 0  // first try without blocking, flush, then block
        while true {
            if let signal = Platform.pendingStopSignal {
                try sink.flush()
                client.close(.normal)
                return .signal(signal)
            }
            var timeout = waitMilliseconds
            if let deadline {
                let remaining = (deadline - Platform.monotonicNanoseconds()) / 1_000_000
                if remaining <= 0 {
                    try sink.flush()
                    client.close(.normal)
                    return .durationElapsed
                }
                timeout = Int32(min(Int64(timeout), remaining))
            }
            switch try client.next(timeoutMilliseconds: timeout) {
            case .idle:
                if waitMilliseconds == 0 { try sink.flush() }  // input went quiet: readers see every line now
                waitMilliseconds = waitMilliseconds == 0 ? StreamSession.maxWaitMilliseconds : waitMilliseconds
            case .closed(let code, let reason):
                try sink.flush()
                if code == nil || code == .normal || code == .goingAway {
                    diagnostics.note("server closed the connection (\(code.map(String.init(describing:)) ?? "no status"))")
                    return .serverClosed
                }
                throw WebSocketError.closedByServer(peer: client.peerName, code: code, reason: reason)
            case .message(let message):
                waitMilliseconds = 0
                if try handle(message) {
                    try sink.flush()
                    client.close(.normal)
                    return .countReached
                }
            }
        }
    }

    /// Decodes and prints one message; true when `--count` has been reached.
    private func handle(_ message: Message) throws -> Bool {
        guard message.isText else {
            diagnostics.note("ignored a binary message of \(message.bytes.count) bytes")
            return false
        }
        let received = Timestamp(Platform.wallClockNanoseconds() / 1_000, .microseconds)
        events.removeAll(keepingCapacity: true)
        let notice: ExchangeNotice?
        do {
            notice = try message.bytes.withUnsafeBytes { raw in
                try adapter.decode(raw, receivedAt: received, into: &events)
            }
        } catch ExchangeError.malformed(let exchange, let detail) {
            diagnostics.warning("skipped an unreadable \(exchange.name) message: \(detail): \(Self.excerpt(message.bytes))")
            return false
        }
        if let notice { report(notice) }
        for event in events {
            if case .gap = event, !plan.gapsOnStdout {
                diagnostics.warning("gap in \(event.header.market): data may be missing")
                continue
            }
            try sink.append { renderer.render(event, into: &$0) }
            emitted += 1
            if let count = plan.count, emitted >= count { return true }
        }
        return false
    }

    private func report(_ notice: ExchangeNotice) {
        switch notice {
        case .subscribed(let channel): diagnostics.note("subscribed to \(channel)")
        case .unsubscribed(let channel): diagnostics.note("unsubscribed from \(channel)")
        case .heartbeat: diagnostics.note("heartbeat reply")
        case .reconnectRequested:
            diagnostics.warning("\(plan.exchange.name) asked clients to reconnect; this version keeps the current connection")
        case .unknown(let what): diagnostics.note("ignored unknown \(what)")
        }
    }

    /// The first 120 characters of a message, for warnings.
    static func excerpt(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(120), as: UTF8.self)
        return bytes.count > 120 ? "'\(text)…'" : "'\(text)'"
    }
}

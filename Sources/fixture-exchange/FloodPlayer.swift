/// Flood mode for one upgraded client: waits for its first text message (the subscription), sends the
/// plan's frames in big writes until `count` messages went out, then closes with 1000 (`make bench`).
///
/// Nothing is read from the client while flooding; its heartbeats wait in the socket until the close.
final class FloodPlayer {
    /// How long the client has to send its subscription.
    static let subscribeTimeout: Duration = .seconds(10)

    let link: PeerLink
    let plan: FloodPlan
    let log: EventLog
    let routes: HTTPRouteTable
    /// False when the client never subscribed, left early, or broke the close handshake.
    private(set) var passed = true

    /// A flood of `plan` over `link`.
    init(link: PeerLink, plan: FloodPlan, log: EventLog, routes: HTTPRouteTable) {
        self.link = link
        self.plan = plan
        self.log = log
        self.routes = routes
    }

    /// Runs the flood to its end.
    func play() {
        let closer = SessionPlayer(
            link: link, directives: [.sendClose(code: CloseCode.normal, reason: "")], pace: nil, log: log,
            routes: routes)
        guard awaitSubscription() else {
            _ = closer.failAndClose(reason: "no subscription")  // ends the connection; the outcome is known
            passed = false
            return
        }
        log.write("flood-start \(plan.count) messages")
        var chunk = plan.chunk
        var sent = 0
        var bytes = 0
        do {
            while sent < plan.count {
                let messages = min(plan.messagesPerChunk, plan.count - sent)
                plan.patch(&chunk, first: sent)
                let end = plan.messageEnds[messages - 1]
                try link.sendRaw(end == chunk.count ? chunk : Array(chunk[..<end]))
                sent += messages
                bytes += end
            }
        } catch {
            log.write("send-failed \(error) after \(sent) messages")
            link.close()
            passed = false
            return
        }
        log.write("flood-done \(sent) messages \(bytes) bytes")
        closer.play()
        passed = closer.passed
    }

    /// Waits for the client's first text message; pings are answered meanwhile.
    private func awaitSubscription() -> Bool {
        let deadline = ContinuousClock.now + Self.subscribeTimeout
        while true {
            switch link.receive(until: deadline) {
            case .message(.text): return true
            case .message(.ping), .message(.pong), .message(.binary): continue
            case .timedOut:
                log.write("flood FAILED: no subscription within \(Self.subscribeTimeout)")
                return false
            case .message(.close), .endOfStream, .violation, .failed:
                log.write("flood FAILED: the client left before subscribing")
                return false
            }
        }
    }
}

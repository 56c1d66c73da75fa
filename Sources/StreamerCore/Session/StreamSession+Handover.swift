extension StreamSession {
    /// How long a handover waits for the new connection's subscriptions to be confirmed.
    static let handoverTimeout: Int64 = 10_000_000_000
    /// How long after a handover duplicates are still dropped.
    static let dedupeTail: Int64 = 5_000_000_000

    /// A planned reconnect without a gap (`bts:request_reconnect`, maximum age): open and subscribe a new connection
    /// while still reading the old one, and close the old one only once every subscription is confirmed.
    ///
    /// Trades and orders seen on both are printed once; books carry on without a resync.
    func handover(from old: WebSocketClient) throws -> WebSocketClient {
        let reason =
            reconnectRequested ? "\(plan.exchange.name) asked to reconnect" : "the connection is near its maximum age"
        diagnostics.warning("\(reason); switching to a new connection without a gap")
        let started = Platform.monotonicNanoseconds()
        deduplicator.activate(until: started + Self.handoverTimeout + Self.dedupeTail)
        let fresh: WebSocketClient
        do {
            fresh = try connect()
        } catch {
            // The old connection still works for now; when it goes, the normal reconnect takes over.
            diagnostics.warning("could not open the new connection (\(error)); staying on the old one")
            reconnectRequested = false
            connectedAt = Platform.monotonicNanoseconds()
            return old
        }
        while !pendingSubscriptions.isEmpty && Platform.monotonicNanoseconds() - started < Self.handoverTimeout {
            if Platform.pendingStopSignal != nil { break }
            if try drain(old) { break }
            switch try fresh.next(timeoutMilliseconds: 50) {
            case .idle: continue
            case .closed(let code, let text):
                throw WebSocketError.closedByServer(peer: fresh.peerName, code: code, reason: text)
            case .message(let message): if try handle(message, client: fresh) { stopAfterHandover = .countReached }
            }
            if stopAfterHandover != nil { break }
        }
        if !pendingSubscriptions.isEmpty {
            diagnostics.warning("the new connection did not confirm every subscription in time; switching anyway")
        }
        _ = try drain(old)
        old.close(.normal)
        reconnectRequested = false  // the old connection may have repeated its request while being drained
        deduplicator.activate(until: Platform.monotonicNanoseconds() + Self.dedupeTail)
        diagnostics.note("switched connections")
        return fresh
    }

    /// Handles whatever the old connection has buffered, without waiting; true when `--count` was reached.
    ///
    /// Its failures end only the draining: the new connection carries on.
    private func drain(_ client: WebSocketClient) throws -> Bool {
        while !client.isFinished {
            let event: WebSocketClient.Event
            do { event = try client.next(timeoutMilliseconds: 0) } catch { return false }
            guard case .message(let message) = event else { return false }
            if try handle(message, client: client) {
                stopAfterHandover = .countReached
                return true
            }
        }
        return false
    }
}

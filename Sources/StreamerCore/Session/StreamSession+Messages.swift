extension StreamSession {
    /// Decodes one message, runs its events through the pipeline and prints them; true when `--count` is reached.
    func handle(_ message: Message, client: WebSocketClient) throws -> Bool {
        guard message.isText else {
            diagnostics.note("ignored a binary message of \(message.bytes.count) bytes")
            return false
        }
        // The local receive time: when the read that completed the message returned (one clock read per read).
        let received = Timestamp(client.lastReceivedAt / 1_000, .microseconds)
        try recorder?.message(message.bytes, from: client, at: received)  // record: every text message, first
        lastMessageAt = received
        EventPipeline.empty(&decoded)
        let notice: ExchangeNotice?
        do {
            notice = try message.bytes.withUnsafeBytes { raw in
                try adapter.decode(raw, receivedAt: received, into: &decoded)
            }
        } catch ExchangeError.malformed(let exchange, let detail) {
            diagnostics.warning(
                "skipped an unreadable \(exchange.name) message: \(detail): \(Self.excerpt(message.bytes))")
            return false
        } catch ExchangeError.rateLimited(let exchange, let text) where !snapshotRequests.isEmpty {
            // Back off instead of hammering: the snapshot requests in flight go again later, each time later.
            diagnostics.warning(
                "\(exchange.name) rate-limited a book snapshot request (\(text)); retrying in \(backoffNanoseconds / 1_000_000_000) s"
            )
            retryMarkets += snapshotRequests.values.sorted { $0.symbol < $1.symbol }
            snapshotRequests = [:]
            retryAt = Platform.monotonicNanoseconds() + backoffNanoseconds
            backoffNanoseconds = min(backoffNanoseconds * 2, 30_000_000_000)
            return false
        } catch ExchangeError.rejected(let exchange, "getBook", let text) where !snapshotRequests.isEmpty {
            // A refused snapshot (e.g. 431, market halted) fails that book's sync, not the whole stream.
            for market in snapshotRequests.values.sorted(by: { $0.symbol < $1.symbol }) {
                let header = EventHeader(exchange: exchange, market: market, ts: nil, recv: received)
                pipeline.bookSnapshotFailed(market, reason: text, header: header, into: &printable, actions: &actions)
            }
            snapshotRequests = [:]
            if try emitPrintable() { return true }
            return try performActions(now: received, client: client)
        } catch ExchangeError.authenticationRefused(.bitstamp, let text) {
            guard try retryPrivateSubscriptions(on: client, after: text) else {
                throw ExchangeError.authenticationRefused(.bitstamp, message: text)
            }
            return false
        } catch ExchangeError.rejected(let exchange, nil, let text) where !pendingSubscriptions.isEmpty {
            throw ExchangeError.rejected(
                exchange, channel: pendingSubscriptions.map(Self.channelName).joined(separator: "', '"), message: text)
        }
        if case .snapshot(let snapshot, let requestId)? = notice {
            if let requestId { snapshotRequests[requestId] = nil }
            backoffNanoseconds = 1_000_000_000
            pipeline.bookSnapshot(snapshot, into: &printable, actions: &actions)
        } else if let notice {
            report(notice)
        }
        if deduplicator.activeUntil == nil {
            pipeline.process(all: &decoded, into: &printable, actions: &actions)
        } else {
            let now = Platform.monotonicNanoseconds()
            for event in decoded where deduplicator.admit(event, now: now) {
                pipeline.process(event, into: &printable, actions: &actions)
            }
        }
        if try emitPrintable() { return true }
        return try performActions(now: received, client: client)
    }

    /// Writes the pipeline's output; true when `--count` is reached (what is left is dropped).
    func emitPrintable() throws -> Bool {
        defer { EventPipeline.empty(&printable) }
        printable.reverse()  // then popped in order: each event is moved out and destroyed once, never copied
        while let event = printable.popLast() {
            if !plan.gapsOnStdout, case .gap(let gap) = event {
                let since = gap.since.map { " since \($0.iso8601)" } ?? ""
                diagnostics.warning("gap in \(gap.header.market) (\(gap.reason.rawValue))\(since): data may be missing")
                continue
            }
            try output.write(event)
            emitted += 1
            if let count = plan.count, emitted >= count {
                try output.flush()
                return true
            }
        }
        return false
    }

    /// Performs the pipeline's requests: snapshot fetches (blocking, the socket buffers meanwhile) and messages.
    private func performActions(now: Timestamp, client: WebSocketClient) throws -> Bool {
        while !actions.isEmpty {
            let action = actions.removeFirst()
            switch action {
            case .warning(let text): diagnostics.warning(text)
            case .note(let text): diagnostics.note(text)
            case .requestSnapshot(let market) where adapter.snapshotRequest(for: market, requestId: 0) != nil:
                if retryAt != nil {
                    if !retryMarkets.contains(market) { retryMarkets.append(market) }  // backing off: join the queue
                } else if !snapshotRequests.values.contains(market) {
                    try requestInBand(market, on: client)
                }
            case .requestSnapshot(let market):
                guard let snapshots else {
                    diagnostics.warning("no snapshot source for the \(market) book")
                    continue
                }
                try output.flush()  // what is printed stays live while the snapshot is fetched
                diagnostics.note("fetching the \(market) book snapshot")
                do {
                    let snapshot = try snapshots.snapshot(of: market, now: Self.wallClock())
                    pipeline.bookSnapshot(snapshot, into: &printable, actions: &actions)
                } catch {
                    let header = EventHeader(exchange: plan.exchange, market: market, ts: nil, recv: now)
                    pipeline.bookSnapshotFailed(
                        market, reason: "\(error)", header: header, into: &printable, actions: &actions)
                }
                if try emitPrintable() { return true }
            }
        }
        return false
    }

    /// Asks for `market`'s snapshot over the socket (Bitvavo `getBook`); the reply arrives as a `.snapshot` notice.
    func requestInBand(_ market: Market, on client: WebSocketClient) throws {
        let requestId = nextRequestId
        nextRequestId += 1
        guard let message = adapter.snapshotRequest(for: market, requestId: requestId) else { return }
        diagnostics.note("requesting the \(market) book snapshot: \(message)")
        snapshotRequests[requestId] = market
        try client.send(text: message)
    }

    /// Acks, heartbeats and unknown events are reported by name, never printed to stdout.
    private func report(_ notice: ExchangeNotice) {
        switch notice {
        case .subscribed(let channel) where channel == "*":  // one subscribe action, acknowledged as a whole
            pendingSubscriptions.removeAll()
            diagnostics.note("subscribed")
        case .subscribed(let channel):
            pendingSubscriptions.removeAll { Self.channelName($0) == channel }
            diagnostics.note("subscribed to \(channel)")
        case .unsubscribed(let channel): diagnostics.note("unsubscribed from \(channel)")
        case .heartbeat:
            if let sent = heartbeatSentAt {
                diagnostics.note("heartbeat round trip \((Platform.monotonicNanoseconds() - sent) / 1_000_000) ms")
                heartbeatSentAt = nil
            }
        case .reconnectRequested:
            reconnectRequested = true
        case .authenticated: diagnostics.note("authenticated")
        case .unknown(let what): diagnostics.note("ignored unknown \(what)")
        case .snapshot(let snapshot, _): diagnostics.note("unexpected snapshot of \(snapshot.header.market)")
        case .response(let action, let requestId):
            diagnostics.note("ignored a '\(action)' reply\(requestId.map { " to request \($0)" } ?? "")")
        }
    }

    /// The end of a run: open candles (`closed: false`), then everything pending is written.
    func finish() throws {
        pipeline.finish(into: &printable)
        _ = try emitPrintable()
        try output.flush()
        try recorder?.flush()  // record
    }

    /// After losing the connection: one `gap` per market since the last message received (data between the
    /// connections may be missing; stderr lines outside JSON lines), then books resync and chains restart.
    func markDisconnect() throws {
        let now = Self.wallClock()
        try recorder?.disconnect(at: now)  // record: replay emits the same gaps and resyncs
        var seen: Set<Market> = []
        for subscription in plan.subscriptions where seen.insert(subscription.market).inserted {
            let header = EventHeader(exchange: plan.exchange, market: subscription.market, ts: nil, recv: now)
            printable.append(.gap(Gap(header: header, reason: .disconnect, since: lastMessageAt)))
        }
        pipeline.connectionReset()
        _ = try emitPrintable()
    }

    /// The channel named in a subscribe message we sent (for error messages).
    static func channelName(_ subscribeMessage: String) -> String {
        let parts = subscribeMessage.split(separator: "\"")
        guard let index = parts.firstIndex(of: "channel"), index + 2 < parts.count else { return subscribeMessage }
        return String(parts[index + 2])
    }

    /// The first 120 characters of a message, for warnings.
    static func excerpt(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(120), as: UTF8.self)
        return bytes.count > 120 ? "'\(text)…'" : "'\(text)'"
    }
}

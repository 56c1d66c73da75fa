/// The offline half of a stream session: recorded entries through the same adapter and pipeline, in order.
///
/// Pure: no clock and no I/O (receive times come from the recording), so tests feed it entries. It mirrors
/// `StreamSession.handle`: decoding and its notices, duplicates dropped while two connections overlap, snapshots
/// (in-band replies as messages, REST bodies as their own entries), gaps after a lost connection, printing ticks.
public struct ReplayEngine {
    /// What was recorded.
    public let header: RecordingHeader
    private let adapter: any ExchangeAdapter
    private var pipeline: EventPipeline
    private var decoded: [MarketEvent] = []
    private var actions: [PipelineAction] = []
    private let subscribeMessages: [String]
    /// Subscriptions of the current connection not yet confirmed (for the wording of a refusal).
    private var pendingSubscriptions: [String] = []
    /// In-band snapshot requests (Bitvavo `getBook`) the live session had sent and not yet seen answered.
    private var snapshotRequests: [Market] = []
    private var connection = 0
    private var lostConnection = false
    private var lastMessageAt: Timestamp?
    private var deduplicator = OverlapDeduplicator()

    /// An engine with the adapter and pipeline the live run built from the same options.
    public init(header: RecordingHeader) {
        self.header = header
        adapter = header.exchange.adapter(
            for: header.subscriptions, verifyBooks: header.verify, interval: header.interval)
        pipeline = EventPipeline(
            exchange: header.exchange, subscriptions: header.subscriptions, options: header.pipelineOptions)
        // try?: the live run could not have connected if these failed; they only name channels in refusals here.
        subscribeMessages = (try? adapter.subscribeMessages()) ?? []
    }

    /// Feeds one entry: what to print goes to `out`, warnings and notes to `notes`.
    ///
    /// - Throws: the `ExchangeError` that ended the live run (a refused subscription, an exchange error reply).
    public mutating func feed(_ entry: RecordedEntry, into out: inout [MarketEvent], notes: inout [PipelineAction])
        throws
    {
        switch entry {
        case .connected(let recv, let connection):
            switchConnection(to: connection, at: recv)
        case .message(let recv, let connection, let text):
            if connection != self.connection { switchConnection(to: connection, at: recv) }
            try message(text, at: recv, into: &out, notes: &notes)
        case .snapshot(let recv, let market, let body):
            do {
                let snapshot = try Self.decodeSnapshot(body, exchange: header.exchange, market: market, at: recv)
                pipeline.bookSnapshot(snapshot, into: &out, actions: &actions)
            } catch {
                snapshotFailed(market, reason: "\(error)", at: recv, into: &out)
            }
        case .snapshotFailed(let recv, let market, let reason):
            snapshotFailed(market, reason: reason, at: recv, into: &out)
        case .tick(let recv):
            pipeline.tick(now: recv, into: &out)
        case .disconnect(let recv):
            var seen: Set<Market> = []
            for subscription in header.subscriptions where seen.insert(subscription.market).inserted {
                let eventHeader = EventHeader(
                    exchange: header.exchange, market: subscription.market, ts: nil, recv: recv)
                out.append(.gap(Gap(header: eventHeader, reason: .disconnect, since: lastMessageAt)))
            }
            pipeline.connectionReset()
            lostConnection = true
        }
        settle(into: &notes)
    }

    /// The end of the recording: held books, open candles (`closed: false`).
    public mutating func finish(into out: inout [MarketEvent]) {
        pipeline.finish(into: &out)
    }

    /// `StreamSession.handle` without the socket: decode, notices, pipeline.
    private mutating func message(
        _ text: [UInt8], at recv: Timestamp, into out: inout [MarketEvent], notes: inout [PipelineAction]
    ) throws {
        lastMessageAt = recv
        decoded.removeAll(keepingCapacity: true)
        let notice: ExchangeNotice?
        do {
            notice = try text.withUnsafeBytes { raw in try adapter.decode(raw, receivedAt: recv, into: &decoded) }
        } catch ExchangeError.malformed(let exchange, let detail) {
            notes.append(
                .warning("skipped an unreadable \(exchange.name) message: \(detail): \(StreamSession.excerpt(text))"))
            return
        } catch ExchangeError.rateLimited(let exchange, let reason) where !snapshotRequests.isEmpty {
            // The live session asked again later; that reply is in the recording, so the requests stay pending.
            notes.append(.warning("\(exchange.name) rate-limited a book snapshot request (\(reason))"))
            return
        } catch ExchangeError.rejected(_, "getBook", let reason) where !snapshotRequests.isEmpty {
            for market in snapshotRequests.sorted(by: { $0.symbol < $1.symbol }) {
                snapshotFailed(market, reason: reason, at: recv, into: &out)
            }
            snapshotRequests = []
            return
        } catch ExchangeError.rejected(let exchange, nil, let reason) where !pendingSubscriptions.isEmpty {
            let channels = pendingSubscriptions.map(StreamSession.channelName).joined(separator: "', '")
            throw ExchangeError.rejected(exchange, channel: channels, message: reason)
        }
        switch notice {
        case .snapshot(let snapshot, _)?:
            snapshotRequests.removeAll { $0 == snapshot.header.market }
            pipeline.bookSnapshot(snapshot, into: &out, actions: &actions)
        case .subscribed(let channel)? where channel == "*":
            pendingSubscriptions.removeAll()
        case .subscribed(let channel)?:
            pendingSubscriptions.removeAll { StreamSession.channelName($0) == channel }
            notes.append(.note("subscribed to \(channel)"))
        case .unknown(let what)?:
            notes.append(.note("ignored unknown \(what)"))
        case .unsubscribed?, .heartbeat?, .reconnectRequested?, .response?, .authenticated?, nil:
            break
        }
        if deduplicator.activeUntil == nil {
            for event in decoded { pipeline.process(event, into: &out, actions: &actions) }
        } else {
            let now = recv.value(in: .nanoseconds)
            for event in decoded where deduplicator.admit(event, now: now) {
                pipeline.process(event, into: &out, actions: &actions)
            }
        }
    }

    /// A connection opened (or first seen): a reconnect after `disconnect`, or else a planned handover, during which
    /// both connections deliver and duplicates are dropped as the live session did (its windows, on recorded time).
    private mutating func switchConnection(to number: Int, at recv: Timestamp) {
        guard number != connection else { return }
        let now = recv.value(in: .nanoseconds)
        if number < connection {  // the old connection, drained after the switch
            deduplicator.activate(until: now + StreamSession.dedupeTail)
            return
        }
        if connection != 0 && !lostConnection {
            deduplicator.activate(until: now + StreamSession.handoverTimeout + StreamSession.dedupeTail)
        }
        connection = number
        lostConnection = false
        pendingSubscriptions = subscribeMessages
        snapshotRequests = []
    }

    private mutating func snapshotFailed(
        _ market: Market, reason: String, at recv: Timestamp, into out: inout [MarketEvent]
    ) {
        // The live session stamps a failed snapshot with the receive time of the message that asked for it.
        let eventHeader = EventHeader(exchange: header.exchange, market: market, ts: nil, recv: lastMessageAt ?? recv)
        pipeline.bookSnapshotFailed(market, reason: reason, header: eventHeader, into: &out, actions: &actions)
    }

    /// Performs the pipeline's actions offline: snapshot requests are noted (their answers are recorded entries),
    /// warnings and notes are passed on.
    private mutating func settle(into notes: inout [PipelineAction]) {
        for action in actions {
            switch action {
            case .requestSnapshot(let market):
                let inBand = adapter.snapshotRequest(for: market, requestId: 0) != nil
                if inBand && !snapshotRequests.contains(market) { snapshotRequests.append(market) }
            case .warning, .note:
                notes.append(action)
            }
        }
        actions.removeAll(keepingCapacity: true)
    }

    /// A recorded REST snapshot body, decoded as the live session's source decoded it.
    private static func decodeSnapshot(_ body: [UInt8], exchange: ExchangeID, market: Market, at recv: Timestamp)
        throws(ExchangeError) -> BookUpdate
    {
        switch exchange {
        case .bitstamp: return try Bitstamp.decodeBookSnapshot(body, market: market, receivedAt: recv)
        case .bitvavo: throw .malformed(.bitvavo, detail: "bitvavo book snapshots arrive over the socket, not REST")
        }
    }
}

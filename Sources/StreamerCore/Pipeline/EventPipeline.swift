/// Turns what adapters decode into what users asked for, per market: trades pass through; candles, local books, tickers
/// and order-chain checks are derived here.
///
/// Pure: the session performs its actions (snapshot fetches).
public struct EventPipeline: Sendable {
    private struct MarketState: Sendable {
        var trades = false
        var candles: CandleAggregator?
        var book: LocalBook?
        var top100 = false
        var l3 = false
        var funding = false
        var ticker: TickerTracker?
        var tickerMerge = TickerMerge()
        var exchangeCandles = CandleCloser()
        var orders: OrderChain?
    }

    /// Each subscribed market once, in subscription order; `states` is parallel to it.
    private var markets: [Market] = []
    /// The state of `markets[i]` at `i`, changed in place (no move out of a dictionary and back per event).
    private var states: [MarketState] = []
    /// The slot of each market, for looking up many markets (`slot(of:)`).
    private var slots: [Market: Int] = [:]
    /// Every subscription is a plain trades stream: events go straight through (the hot path).
    private let tradesOnly: Bool
    /// Levels kept of exchange snapshots.
    private let snapshotDepth: Int?
    /// Whether exchange snapshots are compared with local books (`--verify`).
    private let verify: Bool
    /// Whether `tick` has work: candles to close or throttled books to print.
    public let needsTicks: Bool

    /// A pipeline for `subscriptions` on `exchange`.
    public init(exchange: ExchangeID, subscriptions: [Subscription], options: PipelineOptions) {
        for subscription in subscriptions {
            let market = subscription.market
            let slot = slots[market] ?? markets.count
            if slot == markets.count {
                slots[market] = slot
                markets.append(market)
                states.append(MarketState())
            }
            var state = states[slot]
            switch subscription.channel {
            case .trades: state.trades = true
            case .candles where exchange == .bitstamp:  // Bitstamp has no candle channel: built here from trades
                state.candles = CandleAggregator(interval: options.interval, exchange: exchange, market: market)
            case .candles: break  // the exchange's own candles go through CandleCloser
            case .book:
                state.book = LocalBook(
                    market: market, exchange: exchange, depth: options.depth, throttle: options.throttle)
            case .bookTop100: state.top100 = true
            case .bookL3: state.l3 = true
            case .funding: state.funding = true
            case .ticker: state.ticker = TickerTracker()
            case .orders: state.orders = OrderChain()
            case .ticker24h: break
            // Private channels are printed as they come.
            case .myOrders, .myTrades, .account, .selfTrades, .mySettlements, .liquidations: break
            }
            states[slot] = state
        }
        snapshotDepth = options.snapshotDepth
        verify = options.verify
        tradesOnly = subscriptions.allSatisfy { $0.channel == .trades }
        needsTicks = subscriptions.contains {
            $0.channel == .candles || ($0.channel == .book && options.throttle != nil)
        }
    }

    /// Routes one decoded event into the events to print and the actions to take.
    public mutating func process(_ event: MarketEvent, into out: inout [MarketEvent], actions: inout [PipelineAction]) {
        if tradesOnly {
            out.append(event)
            return
        }
        let market = event.header.market
        guard let slot = slot(of: market) else { return }
        // States are changed in place through `states[slot]`: a copy would make the first write to a local book
        // copy both 1,000-level ladders (copy-on-write), on every diff.
        switch event {
        case .trade(let trade):
            if states[slot].trades { out.append(event) }
            if states[slot].candles != nil {
                let (closed, late) = states[slot].candles?.add(trade) ?? (nil, false)
                if let closed { out.append(.candle(closed)) }
                if late { actions.append(.note("trade \(trade.id) arrived after its \(market) candle was printed")) }
            }
        case .book(let book) where book.kind == .diff:
            states[slot].book?.diff(book, into: &out, actions: &actions)
        case .book(var book):
            if states[slot].top100 {
                if let depth = snapshotDepth {
                    book.bids = Array(book.bids.prefix(depth))
                    book.asks = Array(book.asks.prefix(depth))
                    book.depth = depth
                }
                out.append(.book(book))
            }
            if let ticker = states[slot].ticker?.update(from: book) { out.append(.ticker(ticker)) }
            if verify { states[slot].book?.verify(against: book, into: &out, actions: &actions) }
        case .order(let order):
            if let gap = states[slot].orders?.check(order) { out.append(.gap(gap)) }
            out.append(event)
        case .bookL3(var book):
            if states[slot].l3 {
                if let depth = snapshotDepth {
                    book.bids = Array(book.bids.prefix(depth))
                    book.asks = Array(book.asks.prefix(depth))
                }
                out.append(.bookL3(book))
            }
        case .funding:
            if states[slot].funding { out.append(event) }
        case .ticker(let ticker):
            out.append(.ticker(states[slot].tickerMerge.merge(ticker)))
        case .candle(let candle):
            if let closed = states[slot].exchangeCandles.update(candle) { out.append(.candle(closed)) }
        case .ticker24h, .gap, .market, .asset, .time, .fill, .settlement, .liquidation:
            out.append(event)
        }
    }

    /// Where `market`'s state is.
    ///
    /// A few markets are scanned: `Market` equality first compares the shared parts by identity, and events carry
    /// the subscription's own market, so the usual lookup hashes nothing. Many markets take the dictionary.
    @inline(__always)
    private func slot(of market: Market) -> Int? {
        markets.count <= 8 ? markets.firstIndex(of: market) : slots[market]
    }

    /// Routes every event of `events` in order, leaving `events` empty; a plain trades stream hands the whole array
    /// over when `out` is empty (no copies of the events).
    public mutating func process(
        all events: inout [MarketEvent], into out: inout [MarketEvent], actions: inout [PipelineAction]
    ) {
        if tradesOnly && out.isEmpty {
            swap(&events, &out)
            return
        }
        for event in events { process(event, into: &out, actions: &actions) }
        EventPipeline.empty(&events)
    }

    /// Removes every event, keeping the capacity; cheaper than `removeAll(keepingCapacity:)` for the few events a
    /// message holds.
    public static func empty(_ events: inout [MarketEvent]) {
        while !events.isEmpty { events.removeLast() }
    }

    /// Applies a fetched snapshot to the market's local book.
    public mutating func bookSnapshot(
        _ snapshot: BookUpdate, into out: inout [MarketEvent], actions: inout [PipelineAction]
    ) {
        guard let slot = slot(of: snapshot.header.market) else { return }
        states[slot].book?.snapshot(snapshot, into: &out, actions: &actions)
    }

    /// Reports a failed snapshot fetch to the market's local book.
    public mutating func bookSnapshotFailed(
        _ market: Market, reason: String, header: EventHeader, into out: inout [MarketEvent],
        actions: inout [PipelineAction]
    ) {
        guard let slot = slot(of: market) else { return }
        states[slot].book?.snapshotFailed(reason, header: header, into: &out, actions: &actions)
    }

    /// Time-driven output at `now`: candles whose interval ended, throttled books that are due.
    public mutating func tick(now: Timestamp, into out: inout [MarketEvent]) {
        guard needsTicks else { return }
        for slot in bySymbol() {
            if let candle = states[slot].candles?.close(ifEndedBy: now) { out.append(.candle(candle)) }
            if let candle = states[slot].exchangeCandles.close(ifEndedBy: now) { out.append(.candle(candle)) }
            states[slot].book?.tick(now: now, into: &out)
        }
    }

    /// The end of a run: held books are printed, open candles with `closed: false`.
    public mutating func finish(into out: inout [MarketEvent]) {
        for slot in bySymbol() {
            states[slot].book?.flushPending(into: &out)
            if let candle = states[slot].candles?.finish() { out.append(.candle(candle)) }
            if let candle = states[slot].exchangeCandles.finish() { out.append(.candle(candle)) }
        }
    }

    /// After a reconnect: local books resync from fresh snapshots, order chains restart.
    public mutating func connectionReset() {
        for slot in states.indices {
            states[slot].book?.reset()
            states[slot].orders?.reset()
            states[slot].tickerMerge = TickerMerge()  // partial tickers must not merge with pre-disconnect state
        }
    }

    /// The slots in the order of their markets' symbols, the order time-driven output is printed in.
    private func bySymbol() -> [Int] {
        markets.indices.sorted { markets[$0].symbol < markets[$1].symbol }
    }
}

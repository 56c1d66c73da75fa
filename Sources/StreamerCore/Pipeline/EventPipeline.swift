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

    private var states: [Market: MarketState] = [:]
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
            var state = states[market] ?? MarketState()
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
            states[market] = state
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
        // Moved out while it is changed: a copy left in the dictionary would make the first write to a local
        // book copy both 1,000-level ladders (copy-on-write), on every diff.
        guard var state = states.removeValue(forKey: market) else { return }
        defer { states[market] = state }
        switch event {
        case .trade(let trade):
            if state.trades { out.append(event) }
            if state.candles != nil {
                let (closed, late) = state.candles?.add(trade) ?? (nil, false)
                if let closed { out.append(.candle(closed)) }
                if late { actions.append(.note("trade \(trade.id) arrived after its \(market) candle was printed")) }
            }
        case .book(let book) where book.kind == .diff:
            state.book?.diff(book, into: &out, actions: &actions)
        case .book(var book):
            if state.top100 {
                if let depth = snapshotDepth {
                    book.bids = Array(book.bids.prefix(depth))
                    book.asks = Array(book.asks.prefix(depth))
                    book.depth = depth
                }
                out.append(.book(book))
            }
            if let ticker = state.ticker?.update(from: book) { out.append(.ticker(ticker)) }
            if verify { state.book?.verify(against: book, into: &out, actions: &actions) }
        case .order(let order):
            if let gap = state.orders?.check(order) { out.append(.gap(gap)) }
            out.append(event)
        case .bookL3(var book):
            if state.l3 {
                if let depth = snapshotDepth {
                    book.bids = Array(book.bids.prefix(depth))
                    book.asks = Array(book.asks.prefix(depth))
                }
                out.append(.bookL3(book))
            }
        case .funding:
            if state.funding { out.append(event) }
        case .ticker(let ticker):
            out.append(.ticker(state.tickerMerge.merge(ticker)))
        case .candle(let candle):
            if let closed = state.exchangeCandles.update(candle) { out.append(.candle(closed)) }
        case .ticker24h, .gap, .market, .asset, .time, .fill, .settlement, .liquidation:
            out.append(event)
        }
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
        states[snapshot.header.market]?.book?.snapshot(snapshot, into: &out, actions: &actions)
    }

    /// Reports a failed snapshot fetch to the market's local book.
    public mutating func bookSnapshotFailed(
        _ market: Market, reason: String, header: EventHeader, into out: inout [MarketEvent],
        actions: inout [PipelineAction]
    ) {
        states[market]?.book?.snapshotFailed(reason, header: header, into: &out, actions: &actions)
    }

    /// Time-driven output at `now`: candles whose interval ended, throttled books that are due.
    public mutating func tick(now: Timestamp, into out: inout [MarketEvent]) {
        guard needsTicks else { return }
        for market in states.keys.sorted(by: { $0.symbol < $1.symbol }) {
            if let candle = states[market]?.candles?.close(ifEndedBy: now) { out.append(.candle(candle)) }
            if let candle = states[market]?.exchangeCandles.close(ifEndedBy: now) { out.append(.candle(candle)) }
            states[market]?.book?.tick(now: now, into: &out)
        }
    }

    /// The end of a run: held books are printed, open candles with `closed: false`.
    public mutating func finish(into out: inout [MarketEvent]) {
        for market in states.keys.sorted(by: { $0.symbol < $1.symbol }) {
            states[market]?.book?.flushPending(into: &out)
            if let candle = states[market]?.candles?.finish() { out.append(.candle(candle)) }
            if let candle = states[market]?.exchangeCandles.finish() { out.append(.candle(candle)) }
        }
    }

    /// After a reconnect: local books resync from fresh snapshots, order chains restart.
    public mutating func connectionReset() {
        for market in states.keys {
            states[market]?.book?.reset()
            states[market]?.orders?.reset()
            states[market]?.tickerMerge = TickerMerge()  // partial tickers must not merge with pre-disconnect state
        }
    }
}

/// Derives `ticker` events from the exchange's top-100 snapshots: best bid/ask with sizes, when they change.
struct TickerTracker: Sendable {
    private var last: [DecimalString?] = []

    /// The ticker for `book` if its top differs from the last one printed.
    mutating func update(from book: BookUpdate) -> Ticker? {
        let bid = book.bids.first
        let ask = book.asks.first
        let current = [bid?.price, bid?.amount, ask?.price, ask?.amount]
        guard current != last else { return nil }
        last = current
        return Ticker(header: book.header, bid: bid?.price, bidSize: bid?.amount, ask: ask?.price, askSize: ask?.amount)
    }
}

/// Follows Bitstamp's `event_id`/`pre_event_id` chain of one market's `live_orders_X` and reports breaks.
struct OrderChain: Sendable {
    private var lastEventID: String?
    private var lastTime: Timestamp?

    /// A `gap` when `order` does not continue the chain from the previous event.
    mutating func check(_ order: OrderEvent) -> Gap? {
        defer {
            if let id = order.eventID { lastEventID = id }
            lastTime = order.header.ts ?? order.header.recv
        }
        guard let previous = order.previousEventID, let last = lastEventID, previous != last else { return nil }
        return Gap(header: order.header, reason: .sequence, since: lastTime)
    }

    /// Forgets the chain (after a reconnect the first event starts a new one).
    mutating func reset() {
        lastEventID = nil
    }
}

/// Merges Bitvavo's partial `ticker` frames (only the side that changed, B.3) into the full last-known state.
struct TickerMerge: Sendable {
    private var state: Ticker?

    /// The merged ticker after `partial`.
    mutating func merge(_ partial: Ticker) -> Ticker {
        var merged = state ?? partial
        merged.header = partial.header
        if let bid = partial.bid { merged.bid = bid }
        if let size = partial.bidSize { merged.bidSize = size }
        if let ask = partial.ask { merged.ask = ask }
        if let size = partial.askSize { merged.askSize = size }
        if let last = partial.last { merged.last = last }
        state = merged
        return merged
    }
}

/// Turns an exchange's running candle updates (Bitvavo sends the open candle after every trade) into one candle
/// per interval, printed when it closes: when a later interval starts, or when the clock passes its end + grace.
struct CandleCloser: Sendable {
    private var open: Candle?
    /// The start (µs) of the last interval printed; updates for it or earlier come too late.
    private var printedThrough: Int64 = .min

    /// The candle `update` closed, if any.
    mutating func update(_ update: Candle) -> Candle? {
        guard update.start.microseconds > printedThrough else { return nil }  // its interval is already printed
        guard let current = open else {
            open = update
            return nil
        }
        if update.start.microseconds > current.start.microseconds {
            open = update
            printedThrough = current.start.microseconds
            var closed = current
            closed.closed = true
            return closed
        }
        if update.start.microseconds == current.start.microseconds { open = update }
        return nil  // an update for an interval already printed is dropped
    }

    /// The open candle, closed, once `now` is past its end plus the grace period.
    mutating func close(ifEndedBy now: Timestamp) -> Candle? {
        guard let current = open, let interval = CandleInterval.named(current.interval) else { return nil }
        let end = current.start.microseconds / 1_000_000 + interval.seconds + CandleAggregator.graceSeconds
        guard now.microseconds / 1_000_000 >= end else { return nil }
        open = nil
        printedThrough = current.start.microseconds
        var closed = current
        closed.closed = true
        return closed
    }

    /// The open candle as it stands (`closed: false`), for the end of a run.
    mutating func finish() -> Candle? {
        defer { open = nil }
        return open
    }
}

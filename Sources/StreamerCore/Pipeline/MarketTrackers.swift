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

/// Drops events seen twice while two connections overlap during a planned reconnect: trades by market and id, orders by
/// their event id.
///
/// Active only around a handover, so the hot path pays nothing otherwise.
struct OverlapDeduplicator: Sendable {
    private var seen: Set<String> = []
    private var order: [String] = []
    /// Monotonic time (ns) until which duplicates are dropped; nil when inactive.
    private(set) var activeUntil: Int64?
    /// The most keys remembered; the oldest are forgotten first.
    static let capacity = 50_000

    /// Starts (or extends) deduplication until `until`.
    mutating func activate(until: Int64) {
        activeUntil = max(activeUntil ?? until, until)
    }

    /// Whether `event` should be printed; records it.
    ///
    /// Stops (and forgets everything) once `now` passes the window.
    mutating func admit(_ event: MarketEvent, now: Int64) -> Bool {
        guard let until = activeUntil else { return true }
        if now > until {
            activeUntil = nil
            seen.removeAll()
            order.removeAll()
            return true
        }
        guard let key = Self.key(for: event) else { return true }
        guard seen.insert(key).inserted else { return false }
        order.append(key)
        if order.count > Self.capacity { seen.remove(order.removeFirst()) }
        return true
    }

    /// What identifies `event` across connections, if anything does.
    static func key(for event: MarketEvent) -> String? {
        switch event {
        case .trade(let trade): "t \(trade.header.market.symbol) \(trade.id)"
        case .order(let order): order.eventID.map { "o \(order.header.market.symbol) \($0)" }
        case .fill(let fill): "f\(fill.selfTrade ? "s" : "") \(fill.header.market.symbol) \(fill.id)"
        default: nil
        }
    }
}

/// The printable field names of each event type, in output order (collected from `MarketEvent.visitFields`, so
/// they cannot drift from what is printed).
public enum FieldNames {
    /// The names of `kind`'s fields, `type` first.
    public static func of(_ kind: EventKind) -> [String] {
        var collector = Collector()
        sample(kind).visitFields(&collector)
        return collector.names
    }

    /// The `--fields` names not printable for any of `kinds`.
    public static func unknown(_ fields: [String], for kinds: [EventKind]) -> [String] {
        let valid = Set(kinds.flatMap(of))
        return fields.filter { !valid.contains($0) }
    }

    private struct Collector: FieldVisitor {
        var names: [String] = []
        mutating func string(_ key: StaticString, _ value: String?, omitIfNil: Bool) { names.append(key.description) }
        mutating func decimal(_ key: StaticString, _ value: DecimalString?) { names.append(key.description) }
        mutating func time(_ key: StaticString, _ value: Timestamp?) { names.append(key.description) }
        mutating func integer(_ key: StaticString, _ value: Int64?) { names.append(key.description) }
        mutating func bool(_ key: StaticString, _ value: Bool) { names.append(key.description) }
        mutating func levels(_ key: StaticString, _ value: [BookLevel]) { names.append(key.description) }
        mutating func orders(_ key: StaticString, _ value: [L3Level]) { names.append(key.description) }
    }

    /// An event of `kind` with placeholder values: only its shape matters here.
    private static func sample(_ kind: EventKind) -> MarketEvent {
        let header = EventHeader(
            exchange: .bitstamp, market: Market(base: "A", quote: "B"), ts: nil, recv: Timestamp(0, .seconds))
        let zero = DecimalString.zero
        switch kind {
        case .trade: return .trade(Trade(header: header, id: "", price: zero, amount: zero, side: nil))
        case .ticker: return .ticker(Ticker(header: header, bid: nil, bidSize: nil, ask: nil, askSize: nil))
        case .ticker24h:
            return .ticker24h(
                Ticker24h(
                    header: header, open: nil, high: nil, low: nil, last: nil, volume: nil, volumeQuote: nil, bid: nil,
                    ask: nil))
        case .book: return .book(BookUpdate(header: header, kind: .snapshot, depth: 0, bids: [], asks: [], seq: nil))
        case .bookL3: return .bookL3(BookL3(header: header, bids: [], asks: [], seq: nil))
        case .order:
            return .order(
                OrderEvent(header: header, event: .created, id: "", side: nil, price: zero, amount: zero, subtype: nil))
        case .candle:
            return .candle(
                Candle(
                    header: header, interval: "", start: header.recv, open: zero, high: zero, low: zero, close: zero,
                    volume: zero, closed: false))
        case .funding:
            return .funding(Funding(header: header, rate: zero, markPrice: nil, indexPrice: nil, nextFundingTime: nil))
        case .gap: return .gap(Gap(header: header, reason: .disconnect, since: nil))
        case .market: return .market(MarketInfo(header: header, symbol: "", trading: true, description: nil))
        case .asset:
            return .asset(
                AssetInfo(
                    header: header, name: nil, decimals: nil, depositStatus: nil, withdrawalStatus: nil,
                    withdrawalFee: nil,
                    withdrawalMinAmount: nil))
        case .time: return .time(ServerTime(header: header))
        }
    }
}

import Testing

@testable import StreamerCore

/// Builders for the pipeline tests: Bitstamp events from text, and a pipeline driver that collects output.
enum PipelineSamples {
    /// BTC-USD.
    static let btc = Market(base: "BTC", quote: "USD")
    /// ETH-USD.
    static let eth = Market(base: "ETH", quote: "USD")
    /// A minute boundary: 2026-11-18T11:07:00Z in seconds.
    static let minute: Int64 = 1_795_000_020
    /// The same boundary in microseconds.
    static let minuteMicros: Int64 = minute * 1_000_000

    /// A decimal that must be valid.
    static func decimal(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> DecimalString {
        try #require(DecimalString(text), "not a decimal: '\(text)'", sourceLocation: sourceLocation)
    }

    /// A Bitstamp header at microsecond `micros`, received `recv` (default: 5 ms later).
    static func header(_ market: Market = btc, micros: Int64?, recv: Int64? = nil) -> EventHeader {
        EventHeader(
            exchange: .bitstamp, market: market, ts: micros.map { Timestamp($0, .microseconds) },
            recv: Timestamp(recv ?? (micros ?? minuteMicros) + 5_000, .microseconds))
    }

    /// A trade at `micros` with exact price and amount text.
    static func trade(
        _ market: Market = btc, id: String = "1", price: String, amount: String, micros: Int64?, recv: Int64? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Trade {
        Trade(
            header: header(market, micros: micros, recv: recv), id: id,
            price: try decimal(price, sourceLocation: sourceLocation),
            amount: try decimal(amount, sourceLocation: sourceLocation), side: .buy)
    }

    /// Levels from `(price, amount)` text pairs, in the order given.
    static func levels(_ pairs: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) throws
        -> [BookLevel]
    {
        try pairs.map {
            BookLevel(
                price: try decimal($0.0, sourceLocation: sourceLocation),
                amount: try decimal($0.1, sourceLocation: sourceLocation))
        }
    }

    /// A Bitstamp book message as the adapter decodes it: `seq` and `ts` are the microtimestamp.
    static func book(
        _ kind: BookUpdate.Kind, _ market: Market = btc, micros: Int64, recv: Int64? = nil,
        bids: [(String, String)] = [], asks: [(String, String)] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> BookUpdate {
        let bidLevels = try levels(bids, sourceLocation: sourceLocation)
        let askLevels = try levels(asks, sourceLocation: sourceLocation)
        return BookUpdate(
            header: header(market, micros: micros, recv: recv), kind: kind,
            depth: max(bidLevels.count, askLevels.count), bids: bidLevels, asks: askLevels, seq: micros)
    }

    /// A `live_orders` event with its chain ids.
    static func order(
        _ market: Market = btc, micros: Int64, eventID: String?, previous: String?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> OrderEvent {
        OrderEvent(
            header: header(market, micros: micros), event: .created, id: "1994262360649728", side: .buy,
            price: try decimal("97000.00", sourceLocation: sourceLocation),
            amount: try decimal("0.50000000", sourceLocation: sourceLocation), subtype: "0", eventID: eventID,
            previousEventID: previous)
    }

    /// The `[price, amount]` texts of levels, for readable expectations.
    static func texts(_ levels: [BookLevel]) -> [[String]] {
        levels.map { [$0.price.text, $0.amount.text] }
    }
}

/// An `EventPipeline` plus what its last call printed and asked for.
struct PipelineDriver {
    var pipeline: EventPipeline

    /// A pipeline for Bitstamp `subscriptions`.
    init(_ subscriptions: [(Channel, Market)], options: PipelineOptions = PipelineOptions()) {
        pipeline = EventPipeline(
            exchange: .bitstamp, subscriptions: subscriptions.map { Subscription(channel: $0.0, market: $0.1) },
            options: options)
    }

    /// Processes one decoded event.
    mutating func process(_ event: MarketEvent) -> (events: [MarketEvent], actions: [PipelineAction]) {
        var out: [MarketEvent] = []
        var actions: [PipelineAction] = []
        pipeline.process(event, into: &out, actions: &actions)
        return (out, actions)
    }

    /// Hands a REST snapshot to the local book.
    mutating func snapshot(_ update: BookUpdate) -> (events: [MarketEvent], actions: [PipelineAction]) {
        var out: [MarketEvent] = []
        var actions: [PipelineAction] = []
        pipeline.bookSnapshot(update, into: &out, actions: &actions)
        return (out, actions)
    }

    /// Reports a failed snapshot fetch.
    mutating func snapshotFailed(_ market: Market) -> (events: [MarketEvent], actions: [PipelineAction]) {
        var out: [MarketEvent] = []
        var actions: [PipelineAction] = []
        pipeline.bookSnapshotFailed(
            market, reason: "HTTP 503", header: PipelineSamples.header(market, micros: nil), into: &out,
            actions: &actions)
        return (out, actions)
    }

    /// Time-driven output at microsecond `now`.
    mutating func tick(_ now: Int64) -> [MarketEvent] {
        var out: [MarketEvent] = []
        pipeline.tick(now: Timestamp(now, .microseconds), into: &out)
        return out
    }

    /// End-of-run output.
    mutating func finish() -> [MarketEvent] {
        var out: [MarketEvent] = []
        pipeline.finish(into: &out)
        return out
    }
}

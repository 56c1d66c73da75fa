// libFuzzer target `adapters`: every input is one untrusted message, decoded by both exchanges' `decode` (with a
// realistic set of subscriptions) and by every REST/action-reply decoder. Built by scripts/fuzz.sh.
//
// Each decoded event is also rendered as JSON lines, CSV and a table (what the CLI does next), and each JSON
// line must scan as one JSON document, so a decoded value that breaks the output format is a finding too.

@testable import StreamerCore

private let bitstampMarkets = ["btcusd", "ethusd", "btcusd-perp"].compactMap(Market.parse)
private let bitvavoMarkets = ["BTC-EUR", "ETH-EUR"].compactMap(Market.parse)

private let bitstamp = Bitstamp(
    subscriptions: bitstampMarkets.flatMap { market in
        Bitstamp.streamableChannels.map { Subscription(channel: $0, market: market) }
    },
    verifyBooks: true)
private let bitvavo = Bitvavo(
    subscriptions: bitvavoMarkets.flatMap { market in
        Bitvavo.streamableChannels.map { Subscription(channel: $0, market: market) }
    },
    interval: CandleInterval.named("5m") ?? .oneMinute)
/// 2026-11-21T12:00:00.123456Z.
private let receivedAt = Timestamp(1_795_262_400_123_456, .microseconds)

/// Renders `events` the three ways the CLI can, checking that each JSON line is one JSON document.
private func render(_ events: [MarketEvent], markets: [Market]) {
    var jsonLines = JSONLinesRenderer()
    var csv = CSVRenderer()
    var table = TableRenderer(markets: markets, color: true)
    for event in events {
        var line: [UInt8] = []
        jsonLines.render(event, into: &line)
        if line.last == 0x0A { line.removeLast() }
        if !line.isEmpty {
            line.withUnsafeBytes { bytes in
                guard (try? JSONScanner.document(bytes)) != nil else {
                    fatalError("JSON line is not JSON: \(String(decoding: line, as: UTF8.self))")
                }
            }
        }
        var other: [UInt8] = []
        csv.render(event, into: &other)
        table.render(event, into: &other)
    }
}

/// Any error's description is built, as the CLI does when it reports one.
private func describe(_ error: ExchangeError) { _ = error.description }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAdapters(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let message = UnsafeRawBufferPointer(start: data, count: size)
    let bytes = Array(message)
    var events: [MarketEvent] = []

    for (adapter, markets) in [(bitstamp, bitstampMarkets), (bitvavo, bitvavoMarkets)]
        as [(any ExchangeAdapter, [Market])]
    {
        events.removeAll()
        do {
            if case .snapshot(let book, _) = try adapter.decode(message, receivedAt: receivedAt, into: &events) {
                events.append(.book(book))
            }
        } catch {
            describe(error)
        }
        render(events, markets: markets)
    }

    for market in bitstampMarkets.prefix(2) {
        do {
            render(
                [.book(try Bitstamp.decodeBookSnapshot(bytes, market: market, receivedAt: receivedAt))],
                markets: [market])
        } catch { describe(error) }
        do {
            render(
                [.ticker24h(try Bitstamp.decodeTicker(bytes, market: market, receivedAt: receivedAt))],
                markets: [market])
        } catch { describe(error) }
        do {
            render(
                try Bitstamp.decodeTransactions(bytes, market: market, receivedAt: receivedAt).map { .trade($0) },
                markets: [market])
        } catch { describe(error) }
        for interval in [CandleInterval.oneMinute, CandleInterval.all.last ?? .oneMinute] {
            do {
                let candles = try Bitstamp.decodeOHLC(bytes, market: market, interval: interval, receivedAt: receivedAt)
                render(candles.map { .candle($0) }, markets: [market])
            } catch { describe(error) }
        }
    }
    do { _ = try Bitstamp.decodeMarketList(bytes) } catch { describe(error) }
    do { _ = try Bitvavo.decodeMarketsReply(bytes) } catch { describe(error) }

    let requestId = requestID(in: message) ?? 1
    for kind in QueryKind.allCases {
        for market in [bitvavoMarkets.first, nil] {
            do {
                if let events = try Bitvavo.decodeQueryReply(
                    bytes, kind: kind, requestId: requestId, market: market, interval: .oneMinute,
                    receivedAt: receivedAt)
                {
                    render(events, markets: bitvavoMarkets)
                }
            } catch {
                describe(error)
            }
        }
    }
    return 0
}

/// The input's own top-level `requestId`, so a mutated reply still matches the request it answers.
private func requestID(in message: UnsafeRawBufferPointer) -> Int64? {
    guard let root = try? JSONScanner.document(message) else { return nil }
    var members = JSONScanner.members(of: root, in: message)
    while let (key, value) = members.next() {
        if key.isString("requestId", in: message) { return value.int64(in: message) }
    }
    return nil
}

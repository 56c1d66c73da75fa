import Testing

@testable import StreamerCore

/// Recorded entries through the same adapter and pipeline as the live session, with the recorded receive times.
struct ReplayEngineTests {
    private let btcusd = Market(base: "BTC", quote: "USD")

    private func header(_ channel: Channel, market: Market, depth: Int? = nil) -> RecordingHeader {
        RecordingHeader(
            exchange: .bitstamp, subscriptions: [Subscription(channel: channel, market: market)], interval: .oneMinute,
            depth: depth, throttle: nil, verify: false, endpoint: nil)
    }

    private func at(_ microseconds: Int64) -> Timestamp { Timestamp(microseconds, .microseconds) }

    /// Feeds `entries`, returning what would be printed and said.
    private func feed(_ engine: inout ReplayEngine, _ entries: [RecordedEntry]) throws -> (
        [MarketEvent], [PipelineAction]
    ) {
        var out: [MarketEvent] = []
        var notes: [PipelineAction] = []
        for entry in entries { try engine.feed(entry, into: &out, notes: &notes) }
        return (out, notes)
    }

    @Test func decodesARecordedTradeWithItsRecordedReceiveTime() throws {
        let ethusd = Market(base: "ETH", quote: "USD")
        var engine = ReplayEngine(header: header(.trades, market: ethusd))
        let text = try FixtureFile.bytes("bitstamp/trade.json")
        let (out, notes) = try feed(&engine, [.message(recv: at(1_795_000_000_123_456), connection: 1, text: text)])
        guard case .trade(let trade) = try #require(out.first) else { throw Failure.notATrade }
        #expect(out.count == 1 && notes.isEmpty)
        #expect(
            trade.header.recv == at(1_795_000_000_123_456) && trade.price.text == "3805.44" && trade.id == "216000477")
    }

    @Test func buildsTheLocalBookFromARecordedRESTSnapshot() throws {
        var engine = ReplayEngine(header: header(.book, market: btcusd, depth: 2))
        func diff(_ microtimestamp: String) -> [UInt8] {
            Array(
                #"{"data":{"timestamp":"1795000003","microtimestamp":"\#(microtimestamp)","bids":[],"asks":[["96999.87","0.02000000"]]},"channel":"diff_order_book_btcusd","event":"data"}"#
                    .utf8)
        }
        let (beforeSnapshot, _) = try feed(
            &engine, [.message(recv: at(10), connection: 1, text: diff("1795000002100000"))])
        #expect(beforeSnapshot.isEmpty)  // waiting for the snapshot, as live
        let body = try FixtureFile.bytes("bitstamp/rest/order-book-btcusd.json")
        let (out, _) = try feed(
            &engine,
            [
                .snapshot(recv: at(20), market: btcusd, body: body),
                .message(recv: at(30), connection: 1, text: diff("1795000003100000")),
            ])
        guard case .book(let book) = try #require(out.last) else { throw Failure.notABook }
        #expect(book.bids.count == 2 && book.header.recv == at(30))
    }

    @Test func reportsAFailedSnapshotAsTheLiveSessionDid() throws {
        var engine = ReplayEngine(header: header(.book, market: btcusd))
        let (_, notes) = try feed(&engine, [.snapshotFailed(recv: at(5), market: btcusd, reason: "HTTP 503")])
        #expect(notes.contains(.warning("book snapshot for BTC-USD failed: HTTP 503")))
    }

    @Test func printsAGapPerMarketAfterALostConnection() throws {
        var engine = ReplayEngine(header: header(.trades, market: btcusd))
        let trade = Array(
            #"{"data":{"id":1,"amount_str":"1","price_str":"2","type":0,"microtimestamp":"1"},"channel":"live_trades_btcusd","event":"trade"}"#
                .utf8)
        let (out, _) = try feed(
            &engine, [.message(recv: at(100), connection: 1, text: trade), .disconnect(recv: at(200))])
        guard case .gap(let gap) = try #require(out.last) else { throw Failure.notAGap }
        #expect(gap.reason == .disconnect && gap.since == at(100) && gap.header.recv == at(200))
    }

    /// A Bitstamp trade message with `id`.
    private func trade(_ id: Int) -> [UInt8] {
        Array(
            #"{"data":{"id":\#(id),"amount_str":"1","price_str":"2","type":0,"microtimestamp":"1"},"channel":"live_trades_btcusd","event":"trade"}"#
                .utf8)
    }

    @Test func printsATradeSeenOnBothConnectionsOfAHandoverOnce() throws {
        var engine = ReplayEngine(header: header(.trades, market: btcusd))
        let (out, _) = try feed(
            &engine,
            [
                .connected(recv: at(500), connection: 1),
                .message(recv: at(1_000), connection: 1, text: trade(1)),
                .connected(recv: at(1_900), connection: 2),  // no disconnect before it: a planned handover
                .message(recv: at(2_000), connection: 1, text: trade(2)),  // the old one, drained
                .message(recv: at(2_100), connection: 2, text: trade(2)),  // the same trade on the new one
                .message(recv: at(2_200), connection: 2, text: trade(3)),
            ])
        #expect(out.count == 3)
    }

    @Test func treatsANewConnectionNumberWithoutItsOpeningLineAsAHandoverToo() throws {
        var engine = ReplayEngine(header: header(.trades, market: btcusd))
        let (out, _) = try feed(
            &engine,
            [
                .message(recv: at(1_000), connection: 1, text: trade(1)),
                .message(recv: at(2_000), connection: 2, text: trade(2)),
                .message(recv: at(2_100), connection: 1, text: trade(2)),
                .message(recv: at(2_200), connection: 2, text: trade(3)),
            ])
        #expect(out.count == 3)
    }

    @Test func keepsEveryTradeAfterAReconnectFollowingALostConnection() throws {
        var engine = ReplayEngine(header: header(.trades, market: btcusd))
        let (out, _) = try feed(
            &engine,
            [
                .connected(recv: at(500), connection: 1),
                .message(recv: at(1_000), connection: 1, text: trade(1)),
                .disconnect(recv: at(1_500)),
                .connected(recv: at(1_900), connection: 2),
                .message(recv: at(2_100), connection: 2, text: trade(1)),  // resent after a reconnect: printed, as live
            ])
        #expect(out.count == 3)  // trade, gap, trade
    }

    @Test func warnsAboutAnUnreadableMessageAndCarriesOn() throws {
        var engine = ReplayEngine(header: header(.trades, market: btcusd))
        let (out, notes) = try feed(&engine, [.message(recv: at(1), connection: 1, text: Array("not json".utf8))])
        #expect(out.isEmpty)
        #expect(
            notes.count == 1 && notes.first.map { "\($0)".contains("skipped an unreadable bitstamp message") } == true)
    }

    private enum Failure: Error { case notATrade, notABook, notAGap }
}

import Testing

@testable import StreamerCore

/// What `EventPipeline` prints and asks for, per subscribed channel and market.
struct EventPipelineTests {
    private let btc = PipelineSamples.btc
    private let eth = PipelineSamples.eth
    private let base = PipelineSamples.minuteMicros

    private func trade(_ price: String, at offset: Int64, market: Market = PipelineSamples.btc, id: String = "1") throws
        -> MarketEvent
    {
        .trade(try PipelineSamples.trade(market, id: id, price: price, amount: "0.5", micros: base + offset))
    }

    private func snapshot(_ market: Market = PipelineSamples.btc, at offset: Int64, bestBid: String = "77188") throws
        -> BookUpdate
    {
        try PipelineSamples.book(
            .snapshot, market, micros: base + offset,
            bids: [(bestBid, "0.41122"), ("77183", "0.32386"), ("77180", "1.87131")],
            asks: [("77189", "0.41124"), ("77193", "0.32385"), ("77194", "1.10113")])
    }

    @Test func aTradesOnlyPipelinePassesEveryEventStraightThrough() throws {
        var pipeline = PipelineDriver([(.trades, btc), (.trades, eth)])
        #expect(!pipeline.pipeline.needsTicks)
        for event in [try trade("97000", at: 1, market: btc), try trade("3412.57", at: 2, market: eth)] {
            let (events, actions) = pipeline.process(event)
            #expect(events == [event] && actions.isEmpty)
        }
        let ticked = pipeline.tick(base + 600_000_000)
        let finished = pipeline.finish()
        #expect(ticked.isEmpty && finished.isEmpty)
    }

    @Test(
        arguments: [
            ([Channel.trades], nil, false), ([.candles], nil, true), ([.book], nil, false),
            ([.book], .seconds(1), true),
            ([.trades, .bookTop100, .orders], .seconds(1), false),
        ] as [([Channel], Duration?, Bool)])
    func needsTicksOnlyForCandlesOrAThrottledBook(channels: [Channel], throttle: Duration?, expected: Bool) {
        let pipeline = PipelineDriver(channels.map { ($0, btc) }, options: PipelineOptions(throttle: throttle))
        #expect(pipeline.pipeline.needsTicks == expected)
    }

    @Test func derivesATickerFromOrderBookSnapshotsOnlyWhenTheTopChanges() throws {
        var pipeline = PipelineDriver([(.ticker, btc)])
        let first = try snapshot(at: 0)
        let printed = pipeline.process(.book(first))
        #expect(
            printed.events == [
                .ticker(
                    Ticker(
                        header: first.header, bid: try PipelineSamples.decimal("77188"),
                        bidSize: try PipelineSamples.decimal("0.41122"), ask: try PipelineSamples.decimal("77189"),
                        askSize: try PipelineSamples.decimal("0.41124")))
            ])
        let again = pipeline.process(.book(try snapshot(at: 1)))  // same top, a deeper level is new
        #expect(again.events.isEmpty)
        let moved = pipeline.process(.book(try snapshot(at: 2, bestBid: "77188.5")))
        #expect(moved.events.map(\.kind) == [.ticker])
    }

    @Test(arguments: [(nil, 3), (2, 2), (5, 3)] as [(Int?, Int)])
    func passesBookTop100SnapshotsThroughTruncatedToTheSnapshotDepth(snapshotDepth: Int?, levels: Int) throws {
        var pipeline = PipelineDriver([(.bookTop100, btc)], options: PipelineOptions(snapshotDepth: snapshotDepth))
        let book = try snapshot(at: 0)
        var expected = book
        expected.bids = Array(book.bids.prefix(levels))
        expected.asks = Array(book.asks.prefix(levels))
        expected.depth = snapshotDepth ?? 3
        let (events, actions) = pipeline.process(.book(book))
        #expect(events == [.book(expected)] && actions.isEmpty)
    }

    @Test(arguments: [nil, 1] as [Int?])
    func passesL3BooksThroughTruncatedToTheSnapshotDepth(snapshotDepth: Int?) throws {
        var pipeline = PipelineDriver([(.bookL3, btc)], options: PipelineOptions(snapshotDepth: snapshotDepth))
        let level = L3Level(
            price: try PipelineSamples.decimal("1"), amount: try PipelineSamples.decimal("2"), orderID: "3")
        let book = BookL3(header: PipelineSamples.header(micros: base), bids: [level, level], asks: [level], seq: base)
        let (events, _) = pipeline.process(.bookL3(book))
        guard case .bookL3(let printed) = try #require(events.first) else { Issue.record("not L3"); return }
        #expect(printed.bids.count == (snapshotDepth ?? 2) && printed.asks.count == 1 && printed.seq == base)
    }

    @Test func aBrokenOrderChainPrintsASequenceGapBeforeTheOrder() throws {
        var pipeline = PipelineDriver([(.orders, btc)])
        let first = try PipelineSamples.order(micros: base, eventID: "e1", previous: "e0")
        let unbroken = pipeline.process(.order(first))
        #expect(unbroken.events == [.order(first)])
        let broken = try PipelineSamples.order(micros: base + 900, eventID: "e9", previous: "e8")
        let gapped = pipeline.process(.order(broken))
        #expect(
            gapped.events == [
                .gap(Gap(header: broken.header, reason: .sequence, since: Timestamp(base, .microseconds))),
                .order(broken),
            ])
    }

    @Test func findsTheBreakInTheOrdersFixtureDecodedByTheAdapter() throws {
        let bitstamp = Bitstamp(subscriptions: [Subscription(channel: .orders, market: btc)])
        var pipeline = PipelineDriver([(.orders, btc)])
        var printed: [MarketEvent] = []
        for line in try FixtureFile.bytes("bitstamp/orders-btcusd.jsonl").split(separator: 0x0A) {
            var decoded: [MarketEvent] = []
            _ = try Array(line).withUnsafeBytes { raw in
                try bitstamp.decode(raw, receivedAt: Timestamp(base, .microseconds), into: &decoded)
            }
            for event in decoded { printed += pipeline.process(event).events }
        }
        #expect(printed.map(\.kind) == [.order, .order, .order, .order, .gap, .order])
        guard case .gap(let gap) = printed[4] else { Issue.record("no gap"); return }
        #expect(gap.reason == .sequence && gap.since == Timestamp(1_795_000_000_103_000, .microseconds))
        #expect(gap.header == printed[5].header)
    }

    @Test func aConnectionResetRestartsOrderChainsWithoutAFalseGap() throws {
        var pipeline = PipelineDriver([(.orders, btc)])
        _ = pipeline.process(.order(try PipelineSamples.order(micros: base, eventID: "e1", previous: "e0")))
        pipeline.pipeline.connectionReset()
        let resumed = try PipelineSamples.order(micros: base + 5_000_000, eventID: "e50", previous: "e49")
        let after = pipeline.process(.order(resumed))
        #expect(after.events == [.order(resumed)] && after.actions.isEmpty)
    }

    @Test func candlesAndTradesOnOneMarketAreBothPrinted() throws {
        var pipeline = PipelineDriver([(.trades, btc), (.candles, btc)])
        let first = try trade("97000", at: 1_000_000)
        let opened = pipeline.process(first)
        #expect(opened.events == [first])
        let next = try trade("97001.5", at: 61_000_000)
        let (events, actions) = pipeline.process(next)
        #expect(actions.isEmpty)
        #expect(events.map(\.kind) == [.trade, .candle])
        guard case .candle(let candle) = events.last else { Issue.record("no candle"); return }
        #expect(
            candle.closed && candle.start == Timestamp(PipelineSamples.minute, .seconds) && candle.open.text == "97000")
    }

    @Test func aLateTradeIsStillPrintedAsATradeButNotedAndLeftOutOfCandles() throws {
        var pipeline = PipelineDriver([(.trades, btc), (.candles, btc)])
        _ = pipeline.process(try trade("97000", at: 1_000_000))
        _ = pipeline.process(try trade("97001", at: 61_000_000))
        let late = try trade("1", at: 59_000_000, id: "476000007")
        let (events, actions) = pipeline.process(late)
        #expect(events == [late])
        #expect(actions == [.note("trade 476000007 arrived after its BTC-USD candle was printed")])
    }

    @Test func tickClosesCandlesAfterTheGraceAndFinishPrintsTheOpenOnesByMarket() throws {
        var pipeline = PipelineDriver([(.candles, eth), (.candles, btc)])
        _ = pipeline.process(try trade("3412.57", at: 1_000_000, market: eth))
        _ = pipeline.process(try trade("97000", at: 2_000_000, market: btc))
        let early = pipeline.tick(base + 61_999_999)
        #expect(early.isEmpty)
        let closed = pipeline.tick(base + 62_000_000)
        #expect(closed.map(\.header.market) == [btc, eth])
        _ = pipeline.process(try trade("3413.1", at: 70_000_000, market: eth))
        _ = pipeline.process(try trade("97002", at: 71_000_000, market: btc))
        let open = pipeline.finish()
        #expect(open.map(\.header.market) == [btc, eth])
        for event in open {
            guard case .candle(let candle) = event else { Issue.record("not a candle"); continue }
            #expect(!candle.closed && candle.start == Timestamp(PipelineSamples.minute + 60, .seconds))
        }
        let again = pipeline.finish()
        #expect(again.isEmpty)
    }

    @Test func dropsEventsForMarketsAndChannelsNotSubscribed() throws {
        var pipeline = PipelineDriver([(.candles, btc), (.orders, btc)])
        let funding = Funding(
            header: PipelineSamples.header(micros: base), rate: try PipelineSamples.decimal("0.000123"), markPrice: nil,
            indexPrice: nil, nextFundingTime: nil)
        let ignored: [MarketEvent] = [
            try trade("3412.57", at: 1, market: eth),
            .order(try PipelineSamples.order(eth, micros: base, eventID: "e1", previous: "e0")),
            .book(try snapshot(eth, at: 0)), .book(try PipelineSamples.book(.diff, micros: base, bids: [("1", "1")])),
            .book(try snapshot(at: 0)), .funding(funding),
        ]
        for event in ignored {
            let (events, actions) = pipeline.process(event)
            #expect(events.isEmpty && actions.isEmpty, "\(event.kind) on \(event.header.market)")
        }
    }

    @Test func passesFundingOnlyForSubscribedMarkets() throws {
        let perp = Market(base: "BTC", quote: "USD", isPerpetual: true)
        var pipeline = PipelineDriver([(.funding, perp), (.trades, btc)])
        for (market, printed) in [(perp, true), (btc, false)] {
            let funding = MarketEvent.funding(
                Funding(
                    header: PipelineSamples.header(market, micros: base),
                    rate: try PipelineSamples.decimal("-0.0000125"),
                    markPrice: nil, indexPrice: nil, nextFundingTime: Timestamp(1_795_003_200, .seconds)))
            let (events, _) = pipeline.process(funding)
            #expect(events == (printed ? [funding] : []))
        }
    }

    @Test func withoutVerifyAnOrderBookForTheTickerIsNotComparedWithTheLocalBook() throws {
        var pipeline = PipelineDriver(
            [(.book, btc), (.ticker, btc)], options: PipelineOptions(depth: 2, verify: false))
        _ = pipeline.process(.book(try PipelineSamples.book(.diff, micros: base + 100, bids: [("77188", "1")])))
        _ = pipeline.snapshot(try snapshot(at: 200))
        let (events, actions) = pipeline.process(.book(try snapshot(at: 200, bestBid: "77187")))
        #expect(events.map(\.kind) == [.ticker])
        #expect(actions.isEmpty)
    }
}

/// `EventPipeline.process(all:into:actions:)`: the same output as event by event, with the input emptied.
struct EventPipelineBatchTests {
    private func trades() throws -> [MarketEvent] {
        try ["97000", "97001.5", "96999"].enumerated().map { index, price in
            .trade(
                try PipelineSamples.trade(
                    PipelineSamples.btc, id: "\(index)", price: price, amount: "0.5",
                    micros: PipelineSamples.minuteMicros + Int64(index)))
        }
    }

    @Test(arguments: [[Channel.trades], [.trades, .candles], [.candles]])
    func processesABatchLikeEventByEvent(_ channels: [Channel]) throws {
        var batch = PipelineDriver(channels.map { ($0, PipelineSamples.btc) })
        var single = PipelineDriver(channels.map { ($0, PipelineSamples.btc) })
        var events = try trades()
        var out: [MarketEvent] = []
        var actions: [PipelineAction] = []
        batch.pipeline.process(all: &events, into: &out, actions: &actions)
        let expected = try trades().flatMap { single.process($0).events }
        #expect(out == expected)
        #expect(events.isEmpty)
    }

    @Test func appendsAfterEventsAlreadyWaitingToBePrinted() throws {
        var driver = PipelineDriver([(.trades, PipelineSamples.btc)])
        var events = try trades()
        let waiting = try trades()[0]
        var out = [waiting]
        var actions: [PipelineAction] = []
        driver.pipeline.process(all: &events, into: &out, actions: &actions)
        #expect(out == [waiting] + (try trades()))
        #expect(events.isEmpty)
    }
}

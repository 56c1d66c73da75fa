import Foundation
import Testing

@testable import StreamerCore

/// The Bitstamp adapter's non-trade channels (exchange-messages.md A.3, A.5): orders, books, L3, funding, routing.
struct BitstampChannelsTests {
    private let recv = Timestamp(1_795_000_000_000_000, .microseconds)

    private func adapter(_ subscriptions: [(Channel, String)], verify: Bool = false) throws -> Bitstamp {
        Bitstamp(
            subscriptions: try subscriptions.map {
                Subscription(channel: $0.0, market: try #require(Market.parse($0.1)))
            },
            verifyBooks: verify)
    }

    private func decode(_ adapter: Bitstamp, _ bytes: [UInt8]) throws -> (
        events: [MarketEvent], notice: ExchangeNotice?
    ) {
        var events: [MarketEvent] = []
        let notice = try bytes.withUnsafeBytes { raw in try adapter.decode(raw, receivedAt: recv, into: &events) }
        return (events, notice)
    }

    private func decode(_ adapter: Bitstamp, _ text: String) throws -> (events: [MarketEvent], notice: ExchangeNotice?)
    {
        try decode(adapter, Array(text.utf8))
    }

    /// Line `number` (from 1) of a `.jsonl` fixture.
    private func fixtureLine(_ path: String, _ number: Int) throws -> [UInt8] {
        let lines = try FixtureFile.bytes(path).split(separator: 0x0A)
        return Array(try #require(lines.dropFirst(number - 1).first, "\(path) has no line \(number)"))
    }

    private func decimal(_ text: String) throws -> DecimalString { try PipelineSamples.decimal(text) }

    private func header(_ symbol: String, _ ts: Timestamp?) throws -> EventHeader {
        EventHeader(exchange: .bitstamp, market: try #require(Market.parse(symbol)), ts: ts, recv: recv)
    }

    // MARK: live_orders

    @Test(arguments: [
        ("order_created", OrderEvent.Change.created), ("order_changed", .changed), ("order_deleted", .deleted),
    ])
    func decodesEachLiveOrderEventWithExactTextSideSubtypeAndTheEventChain(name: String, change: OrderEvent.Change)
        throws
    {
        let sample = String(decoding: try FixtureFile.bytes("bitstamp/order-deleted.json"), as: UTF8.self)
        let text = sample.replacingOccurrences(of: #""event": "order_deleted""#, with: #""event": "\#(name)""#)
        let (events, notice) = try decode(try adapter([(.orders, "btcusd")]), text)
        #expect(notice == nil)
        let expected = OrderEvent(
            header: try header("btcusd", Timestamp(1_775_715_433_800_000, .microseconds)), event: change,
            id: "1994262360649728", side: .buy, price: try decimal("71009"), amount: try decimal("0.04500000"),
            subtype: "5", eventID: "00064f00-f7a7-6140-0001-000103000020",
            previousEventID: "00064f00-f7a7-6140-0000-000102000020")
        #expect(events == [.order(expected)])
    }

    @Test func decodesTheOlderOrderShapeWithoutIdStrOrChain() throws {
        let text =
            #"{"data": {"microtimestamp": "1580336940972599", "amount": 0.6347086, "order_type": 0, "amount_str": "0.63470860", "price_str": "9350.49", "price": 9350.49, "id": 4621332237, "datetime": "1580336940"}, "event": "order_created", "channel": "live_orders_btcusd"}"#
        let (events, _) = try decode(try adapter([(.orders, "btcusd")]), text)
        let expected = OrderEvent(
            header: try header("btcusd", Timestamp(1_580_336_940_972_599, .microseconds)), event: .created,
            id: "4621332237", side: .buy, price: try decimal("9350.49"), amount: try decimal("0.63470860"), subtype: nil
        )
        #expect(events == [.order(expected)])
    }

    @Test(arguments: [(2, Side.sell, "97010.00", "0.25000000"), (3, .buy, "97000.00", "0.30000000")])
    func readsOrderTypeOneAsSellOnFixtureLines(line: Int, side: Side, price: String, amount: String) throws {
        let (events, _) = try decode(
            try adapter([(.orders, "btcusd")]), try fixtureLine("bitstamp/orders-btcusd.jsonl", line))
        guard case .order(let order) = try #require(events.first) else { Issue.record("not an order"); return }
        #expect(order.side == side && order.price.text == price && order.amount.text == amount)
        #expect(order.subtype == "0")
    }

    @Test(arguments: [("0", Side.buy), ("1", .sell), ("7", nil)] as [(String, Side?)])
    func mapsOrderTypeToSide(orderType: String, side: Side?) throws {
        let text =
            #"{"data":{"id":1,"order_type":\#(orderType),"price_str":"1","amount_str":"1"},"channel":"live_orders_btcusd","event":"order_created"}"#
        let (events, _) = try decode(try adapter([(.orders, "btcusd")]), text)
        guard case .order(let order) = try #require(events.first) else { Issue.record("not an order"); return }
        #expect(order.side == side)
    }

    @Test(arguments: [
        #"{"data":{"order_type":0,"price_str":"1","amount_str":"1"},"channel":"live_orders_btcusd","event":"order_created"}"#,
        #"{"data":{"id":1,"order_type":0,"price":1,"amount_str":"1"},"channel":"live_orders_btcusd","event":"order_created"}"#,
        #"{"data":{"id":1,"order_type":0,"price_str":"1","amount_str":"1e-3"},"channel":"live_orders_btcusd","event":"order_changed"}"#,
    ])
    func refusesAnOrderWithoutIdOrExactPriceAndAmount(text: String) throws {
        try expectMalformed(text, [(.orders, "btcusd")])
    }

    // MARK: order_book, diff_order_book, detail_order_book

    @Test func decodesOrderBookAsASnapshotWithLevelsInOrderAndMicrosecondSeq() throws {
        let (events, notice) = try decode(
            try adapter([(.bookTop100, "btcusd-perp")]), try FixtureFile.bytes("bitstamp/order-book.json"))
        #expect(notice == nil)
        let expected = BookUpdate(
            header: try header("btcusd-perp", Timestamp(1_789_457_617_906_487, .microseconds)), kind: .snapshot,
            depth: 3,
            bids: try PipelineSamples.levels([("77188", "0.41122"), ("77183", "0.32386"), ("77180", "1.87131")]),
            asks: try PipelineSamples.levels([("77189", "0.41124"), ("77193", "0.32385"), ("77194", "1.10113")]),
            seq: 1_789_457_617_906_487)
        #expect(events == [.book(expected)])
    }

    @Test func decodesDiffOrderBookAsADiffKeepingZeroAmountsAsSent() throws {
        let (events, _) = try decode(
            try adapter([(.book, "adaeur")]), try FixtureFile.bytes("bitstamp/diff-order-book.json"))
        let expected = BookUpdate(
            header: try header("adaeur", Timestamp(1_641_343_691_310_202, .microseconds)), kind: .diff, depth: 2,
            bids: [],
            asks: try PipelineSamples.levels([("1.17438", "853.01809477"), ("1.17484", "0.00000000")]),
            seq: 1_641_343_691_310_202)
        #expect(events == [.book(expected)])
    }

    @Test func decodesDetailOrderBookAsL3WithOrderIdsAsStrings() throws {
        let (events, _) = try decode(
            try adapter([(.bookL3, "btcusd")]), try FixtureFile.bytes("bitstamp/detail-order-book.json"))
        let expected = BookL3(
            header: try header("btcusd", Timestamp(1_583_656_800_237_527, .microseconds)),
            bids: [
                L3Level(price: try decimal("8732.02"), amount: try decimal("0.00002478"), orderID: "1207590500704256"),
                L3Level(price: try decimal("8729.62"), amount: try decimal("0.01600000"), orderID: "1207590502350849"),
            ],
            asks: [
                L3Level(price: try decimal("8735.67"), amount: try decimal("2.00000000"), orderID: "1207590693249024"),
                L3Level(price: try decimal("8735.67"), amount: try decimal("0.01700000"), orderID: "1207590693634048"),
            ],
            seq: 1_583_656_800_237_527)
        #expect(events == [.bookL3(expected)])
    }

    @Test func keepsANumericL3OrderIdAsItsDigits() throws {
        let text =
            #"{"data":{"microtimestamp":"1","bids":[["1","2",2001939623936278528]],"asks":[]},"channel":"detail_order_book_btcusd","event":"data"}"#
        let (events, _) = try decode(try adapter([(.bookL3, "btcusd")]), text)
        guard case .bookL3(let book) = try #require(events.first) else { Issue.record("not an L3 book"); return }
        #expect(book.bids.map(\.orderID) == ["2001939623936278528"])
    }

    @Test(arguments: [
        ("order_book_btcusd", #""bids":[["1"]],"asks":[]"#),
        ("order_book_btcusd", #""bids":[],"asks":[["x","1"]]"#),
        ("order_book_btcusd", #""bids":[[1.5e3,"1"]],"asks":[]"#),
        ("order_book_btcusd", #""bids":["77188"],"asks":[]"#),
        ("diff_order_book_btcusd", #""bids":[[null,"1"]],"asks":[]"#),
        ("diff_order_book_btcusd", #""bids":[["1","-"]],"asks":[]"#),
        ("detail_order_book_btcusd", #""bids":[["1","2"]],"asks":[]"#),
        ("detail_order_book_btcusd", #""bids":[],"asks":[["1","2",{}]]"#),
    ])
    func refusesMalformedLevels(channel: String, levels: String) throws {
        let text = #"{"data":{"microtimestamp":"1795000000000000",\#(levels)},"channel":"\#(channel)","event":"data"}"#
        try expectMalformed(text, [(.bookTop100, "btcusd"), (.book, "btcusd"), (.bookL3, "btcusd")])
    }

    @Test(arguments: ["order_book_btcusd", "diff_order_book_btcusd"])
    func refusesABookWithoutMicrotimestamp(channel: String) throws {
        let text = #"{"data":{"timestamp":"1795000000","bids":[],"asks":[]},"channel":"\#(channel)","event":"data"}"#
        try expectMalformed(text, [(.bookTop100, "btcusd"), (.book, "btcusd")])
    }

    @Test(arguments: [
        ("diff_order_book_btcusd", #""bids":"77188","asks":[]"#), ("order_book_btcusd", #""bids":[],"asks":{}"#),
    ])
    func refusesBookSidesThatAreNotArrays(channel: String, levels: String) throws {
        let text = #"{"data":{"microtimestamp":"1795000000000000",\#(levels)},"channel":"\#(channel)","event":"data"}"#
        try expectMalformed(text, [(.book, "btcusd"), (.bookTop100, "btcusd")])
    }

    @Test(arguments: [#""bids":"8732.02","asks":[]"#, #""bids":[],"asks":{}"#])
    func refusesL3SidesThatAreNotArrays(levels: String) throws {
        let text = #"{"data":{"microtimestamp":"1",\#(levels)},"channel":"detail_order_book_btcusd","event":"data"}"#
        try expectMalformed(text, [(.bookL3, "btcusd")])
    }

    // MARK: funding_rate

    @Test func decodesFundingWithSecondTimestamps() throws {
        let (events, _) = try decode(
            try adapter([(.funding, "btcusd-perp")]), try FixtureFile.bytes("bitstamp/funding-rate.json"))
        let expected = Funding(
            header: try header("btcusd-perp", Timestamp(1_789_457_618, .seconds)), rate: try decimal("0.000123"),
            markPrice: try decimal("77186.81199586"), indexPrice: try decimal("77177.99454545454"),
            nextFundingTime: Timestamp(1_789_459_200, .seconds))
        #expect(events == [.funding(expected)])
    }

    @Test func keepsANegativeFundingRateExactly() throws {
        let line = try fixtureLine("bitstamp/funding-btcusd-perp.jsonl", 2)
        let (events, _) = try decode(try adapter([(.funding, "btcusd-perp")]), line)
        guard case .funding(let funding) = try #require(events.first) else { Issue.record("not funding"); return }
        #expect(funding.rate.text == "-0.0000125" && funding.markPrice?.text == "97190.5")
    }

    @Test func refusesFundingWithoutARate() throws {
        let text =
            #"{"data":{"market":"btcusd-perp","timestamp":"1789457618"},"channel":"funding_rate_btcusd-perp","event":"funding_rate_saved"}"#
        try expectMalformed(text, [(.funding, "btcusd-perp")])
    }

    // MARK: routing and subscriptions

    /// `kind[/diff] market` of an event, for routing tables.
    private func summary(_ event: MarketEvent) -> String {
        if case .book(let book) = event, book.kind == .diff { return "book/diff \(event.header.market)" }
        return "\(event.kind.rawValue) \(event.header.market)"
    }

    @Test func routesEveryChannelOfTwoMarketsOnOneAdapterToItsMarket() throws {
        let bitstamp = try adapter([
            (.trades, "btcusd"), (.orders, "btcusd"), (.book, "btcusd"), (.bookTop100, "ethusd"), (.bookL3, "ethusd"),
            (.funding, "btcusd-perp"), (.candles, "ethusd"),
        ])
        let trade = #"{"id":1,"price_str":"97000","amount_str":"0.5","type":0,"microtimestamp":"1795000000000000"}"#
        let order = #"{"id":2,"order_type":1,"price_str":"97010.00","amount_str":"0.25000000"}"#
        let levels = #"{"microtimestamp":"1795000000000001","bids":[["1","2"]],"asks":[]}"#
        let orders = #"{"microtimestamp":"1795000000000002","bids":[["1","2","3"]],"asks":[]}"#
        let funding = #"{"funding_rate":"0.000123","timestamp":"1795000000"}"#
        let cases: [(channel: String, event: String, data: String, expected: String)] = [
            ("live_trades_btcusd", "trade", trade, "trade BTC-USD"),
            ("live_trades_ethusd", "trade", trade, "trade ETH-USD"),
            ("live_orders_btcusd", "order_created", order, "order BTC-USD"),
            ("diff_order_book_btcusd", "data", levels, "book/diff BTC-USD"),
            ("order_book_ethusd", "data", levels, "book ETH-USD"),
            ("detail_order_book_ethusd", "data", orders, "book_l3 ETH-USD"),
            ("funding_rate_btcusd-perp", "funding_rate_saved", funding, "funding BTC-USD-PERP"),
        ]
        for (channel, event, data, expected) in cases {
            let text = #"{"data":\#(data),"channel":"\#(channel)","event":"\#(event)"}"#
            let (events, notice) = try decode(bitstamp, text)
            #expect(notice == nil && events.map(summary) == [expected], "\(channel)")
        }
    }

    @Test(arguments: ["order_book_btcusd", "diff_order_book_ethusd", "detail_order_book_btcusd", "live_trades_ethusd"])
    func reportsAChannelOfAnotherMarketAsUnknownWithoutEvents(channel: String) throws {
        let bitstamp = try adapter([(.book, "btcusd"), (.bookTop100, "ethusd")])
        let text = #"{"data":{"microtimestamp":"1","bids":[],"asks":[]},"channel":"\#(channel)","event":"data"}"#
        let (events, notice) = try decode(bitstamp, text)
        #expect(events.isEmpty)
        #expect(notice == .unknown("event 'data' on '\(channel)'"))
    }

    @Test func reportsAnUnexpectedEventOnASubscribedChannelAsUnknown() throws {
        let text = #"{"data":{"microtimestamp":"1","bids":[],"asks":[]},"channel":"order_book_btcusd","event":"trade"}"#
        let (events, notice) = try decode(try adapter([(.bookTop100, "btcusd")]), text)
        #expect(events.isEmpty && notice == .unknown("event 'trade' on 'order_book_btcusd'"))
    }

    @Test(arguments: [#""data":[]"#, #""data":null"#, #""data":"x""#, ""])
    func refusesASubscribedChannelMessageWithoutADataObject(data: String) throws {
        let members = [#""event":"data""#, #""channel":"order_book_btcusd""#] + (data.isEmpty ? [] : [data])
        try expectMalformed("{" + members.joined(separator: ",") + "}", [(.bookTop100, "btcusd")])
    }

    @Test(arguments: [
        (#"{"code":null,"message":"Bad subscription string."}"#, "Bad subscription string.")
    ])
    func btsErrorWinsEvenOnASubscribedChannelName(data: String, message: String) throws {
        let text = #"{"event":"bts:error","channel":"order_book_btcusd","data":\#(data)}"#
        #expect(throws: ExchangeError.rejected(.bitstamp, channel: "order_book_btcusd", message: message)) {
            try decode(try adapter([(.bookTop100, "btcusd")]), text)
        }
    }

    @Test func mapsError4009ToAnAuthenticationRefusal() throws {
        // A.2: 4009 is a missing, expired or invalid `auth` token; the session retries once, then exits 77.
        let text = #"{"event":"bts:error","channel":"","data":{"code":4009,"message":"Connection is unauthorized."}}"#
        #expect(
            throws: ExchangeError.authenticationRefused(.bitstamp, message: "Connection is unauthorized. (code 4009)")
        ) {
            try decode(try adapter([(.bookTop100, "btcusd")]), text)
        }
    }

    @Test func acknowledgesASubscribedBookChannel() throws {
        let text = #"{"event":"bts:subscription_succeeded","channel":"diff_order_book_btcusd","data":{}}"#
        #expect(try decode(try adapter([(.book, "btcusd")]), text).notice == .subscribed("diff_order_book_btcusd"))
    }

    @Test(arguments: [
        (Channel.trades, false, [Bitstamp.WireChannel.liveTrades]), (.candles, false, [.liveTrades]),
        (.orders, false, [.liveOrders]), (.bookTop100, false, [.orderBook]), (.ticker, false, [.orderBook]),
        (.bookL3, false, [.detailOrderBook]), (.book, false, [.diffOrderBook]),
        (.book, true, [.diffOrderBook, .orderBook]),
        (.funding, false, [.fundingRate]), (.funding, true, [.fundingRate]), (.ticker24h, false, []),
        (.trades, true, [.liveTrades]), (.bookTop100, true, [.orderBook]),
    ])
    func mapsEachChannelToItsWireChannels(channel: Channel, verify: Bool, wire: [Bitstamp.WireChannel]) {
        #expect(Bitstamp.wireChannels(channel, verify: verify) == wire)
    }

    @Test(arguments: [
        (Channel.trades, false, ["live_trades_btcusd"]), (.candles, false, ["live_trades_btcusd"]),
        (.orders, false, ["live_orders_btcusd"]), (.ticker, false, ["order_book_btcusd"]),
        (.bookTop100, false, ["order_book_btcusd"]), (.bookL3, false, ["detail_order_book_btcusd"]),
        (.book, false, ["diff_order_book_btcusd"]), (.book, true, ["diff_order_book_btcusd", "order_book_btcusd"]),
        (.funding, false, ["funding_rate_btcusd"]),
    ])
    func subscribesOneFramePerWireChannel(channel: Channel, verify: Bool, names: [String]) throws {
        let messages = try adapter([(channel, "btcusd")], verify: verify).subscribeMessages()
        #expect(messages == names.map { #"{"event":"bts:subscribe","data":{"channel":"\#($0)"}}"# })
    }

    @Test func subscribesAWireChannelSharedByTwoOfOurChannelsOnce() throws {
        let bitstamp = try adapter(
            [
                (.trades, "btcusd"), (.candles, "btcusd"), (.ticker, "btcusd"), (.bookTop100, "btcusd"),
                (.book, "btcusd"),
                (.candles, "ethusd"), (.book, "ethusd"),
            ], verify: true)
        #expect(
            bitstamp.wireNames == [
                "live_trades_btcusd", "order_book_btcusd", "diff_order_book_btcusd", "live_trades_ethusd",
                "diff_order_book_ethusd", "order_book_ethusd",
            ])
        #expect(try bitstamp.subscribeMessages().count == 6)
    }

    @Test func refusesToSubscribeToTicker24h() throws {
        #expect(throws: ExchangeError.unsupportedChannel(.ticker24h, .bitstamp)) {
            try adapter([(.trades, "btcusd"), (.ticker24h, "btcusd")]).subscribeMessages()
        }
    }

    // MARK: REST snapshot

    @Test func decodesTheRestSnapshotAsABookSnapshot() throws {
        let market = try #require(Market.parse("sgbeur"))
        let book = try Bitstamp.decodeBookSnapshot(
            try FixtureFile.bytes("bitstamp/rest-order-book.json"), market: market, receivedAt: recv)
        let expected = BookUpdate(
            header: EventHeader(
                exchange: .bitstamp, market: market, ts: Timestamp(1_641_343_695_572_693, .microseconds), recv: recv),
            kind: .snapshot, depth: 3,
            bids: try PipelineSamples.levels([
                ("0.14695", "4567.41344936"), ("0.14676", "1498.00684013"), ("0.14656", "626.87636462"),
            ]),
            asks: try PipelineSamples.levels([("0.14844", "4617.85577487"), ("0.14845", "766.98374892")]),
            seq: 1_641_343_695_572_693)
        #expect(book == expected)
        #expect(Bitstamp.restOrderBookPath(market) == "/api/v2/order_book/sgbeur/")
    }

    @Test(arguments: [
        "", "<html>404</html>", #"[]"#, #"{"timestamp":"1641343695","bids":[],"asks":[]}"#,
        #"{"microtimestamp":"1641343695572693","bids":[["0.14695"]],"asks":[]}"#, #"{"microtimestamp":"16413"#,
    ])
    func refusesARestBodyThatIsNotABook(body: String) throws {
        let market = try #require(Market.parse("btcusd"))
        let error = #expect(throws: ExchangeError.self) {
            try Bitstamp.decodeBookSnapshot(Array(body.utf8), market: market, receivedAt: recv)
        }
        guard let error else { return }
        guard case .malformed(.bitstamp, _) = error else { Issue.record("expected .malformed, got \(error)"); return }
    }

    /// Expects `text` to be refused as `.malformed` by an adapter for `subscriptions`.
    private func expectMalformed(
        _ text: String, _ subscriptions: [(Channel, String)], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let bitstamp = try adapter(subscriptions)
        let error = #expect(throws: ExchangeError.self, sourceLocation: sourceLocation) { try decode(bitstamp, text) }
        guard let error else { return }  // already recorded
        guard case .malformed(.bitstamp, _) = error else {
            Issue.record("expected .malformed, got \(String(describing: error))", sourceLocation: sourceLocation)
            return
        }
    }
}

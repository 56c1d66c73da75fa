import Testing

@testable import StreamerCore

/// The Bitstamp adapter on the reference wire samples (exchange-messages.md Part A).
struct BitstampTests {
    private let recv = Timestamp(1_795_000_000_000_000, .microseconds)

    private func decode(_ adapter: Bitstamp, _ bytes: [UInt8]) throws -> (
        events: [MarketEvent], notice: ExchangeNotice?
    ) {
        var events: [MarketEvent] = []
        let notice = try bytes.withUnsafeBytes { raw in try adapter.decode(raw, receivedAt: recv, into: &events) }
        return (events, notice)
    }

    private func adapter(_ markets: String...) throws -> Bitstamp {
        Bitstamp(
            subscriptions: try markets.map { Subscription(channel: .trades, market: try #require(Market.parse($0))) })
    }

    @Test func subscribesOneChannelPerFrameInMarketOrder() throws {
        let messages = try adapter("btcusd", "ETH-USD", "btcusd-perp").subscribeMessages()
        #expect(
            messages == [
                #"{"event":"bts:subscribe","data":{"channel":"live_trades_btcusd"}}"#,
                #"{"event":"bts:subscribe","data":{"channel":"live_trades_ethusd"}}"#,
                #"{"event":"bts:subscribe","data":{"channel":"live_trades_btcusd-perp"}}"#,
            ])
        #expect(messages.allSatisfy { $0.utf8.count < 512 })  // A.0: frames over 512 bytes close the socket
    }

    @Test func normalizesTheCapturedTradeWithExactDecimalsAndMicroseconds() throws {
        let (events, notice) = try decode(try adapter("ethusd"), try FixtureFile.bytes("bitstamp/trade.json"))
        #expect(notice == nil)
        let market = try #require(Market.parse("ethusd"))
        let expected = Trade(
            header: EventHeader(
                exchange: .bitstamp, market: market, ts: Timestamp(1_641_343_699_596_000, .microseconds), recv: recv),
            id: "216000477", price: try #require(DecimalString("3805.44")),
            amount: try #require(DecimalString("0.07920000")),
            side: .buy, buyOrderID: "1443875737346049", sellOrderID: "1443875731320832")
        #expect(events == [.trade(expected)])
        #expect(expected.header.ts?.iso8601 == "2022-01-05T00:48:19.596000Z")
    }

    @Test func keepsPerpetualIdsAbove2To53Exactly() throws {
        let (events, _) = try decode(try adapter("btcusd-perp"), try FixtureFile.bytes("bitstamp/trade-perp.json"))
        guard case .trade(let trade) = try #require(events.first) else { Issue.record("not a trade"); return }
        #expect(trade.id == "2001939623936278528")
        #expect(trade.price.text == "77204" && trade.amount.text == "0.00921")
        #expect(trade.header.market.symbol == "BTC-USD-PERP")
        #expect(trade.header.ts == Timestamp(1_789_456_400_586_000, .microseconds))
    }

    @Test func readsTypeOneAsATakerSell() throws {
        let text =
            #"{"data":{"id":1,"amount_str":"1","price_str":"2","type":1,"microtimestamp":"1"},"channel":"live_trades_btcusd","event":"trade"}"#
        let (events, _) = try decode(try adapter("btcusd"), Array(text.utf8))
        guard case .trade(let trade) = try #require(events.first) else { Issue.record("not a trade"); return }
        #expect(trade.side == .sell)
    }

    @Test func fallsBackToTheSecondsTimestampWhenMicrosecondsAreMissing() throws {
        let text =
            #"{"data":{"id":1,"amount_str":"1","price_str":"2","type":0,"timestamp":"1641343699"},"channel":"live_trades_btcusd","event":"trade"}"#
        let (events, _) = try decode(try adapter("btcusd"), Array(text.utf8))
        #expect(events.first?.header.ts == Timestamp(1_641_343_699, .seconds))
    }

    @Test func reportsControlMessagesAsNotices() throws {
        let bitstamp = try adapter("ethusd")
        #expect(
            try decode(bitstamp, try FixtureFile.bytes("bitstamp/subscription-succeeded.json")).notice
                == .subscribed("live_trades_ethusd"))
        #expect(try decode(bitstamp, try FixtureFile.bytes("bitstamp/heartbeat.json")).notice == .heartbeat)
        #expect(
            try decode(bitstamp, try FixtureFile.bytes("bitstamp/request-reconnect.json")).notice == .reconnectRequested
        )
    }

    @Test func turnsBtsErrorIntoARefusalWithTheExchangesMessage() throws {
        #expect(throws: ExchangeError.rejected(.bitstamp, channel: nil, message: "Invalid channel provided.")) {
            try decode(try adapter("ethusd"), try FixtureFile.bytes("bitstamp/error.json"))
        }
    }

    @Test func reportsUnknownEventsWithoutEmittingAnything() throws {
        let (events, notice) = try decode(
            try adapter("btcusd"), Array(#"{"event":"new_thing","channel":"x","data":{}}"#.utf8))
        #expect(events.isEmpty)
        #expect(notice == .unknown("event 'new_thing' on 'x'"))
    }

    @Test(arguments: [
        #"{"event":"trade","channel":"live_trades_btcusd","data":{"id":1,"price_str":"1.0.0","amount_str":"1","type":0}}"#,
        #"{"event":"trade","channel":"live_trades_btcusd","data":{"id":1,"amount_str":"1","type":0}}"#,
        #"{"event":"trade","channel":"live_trades_btcusd","data":{"id":1,"price_str":"1",}}"#,
        #"{"event":"trade","channel":"live_trades_btcusd""#,
        #"["not an object"]"#,
    ])
    func refusesMalformedTradesInsteadOfGuessing(text: String) throws {
        #expect(throws: ExchangeError.self) { try decode(try adapter("btcusd"), Array(text.utf8)) }
    }
}

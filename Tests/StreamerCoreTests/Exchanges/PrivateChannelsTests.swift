import Testing

@testable import StreamerCore

/// Private channels of both exchanges: subscribe frames and decoding of every event into order/fill/settlement/
/// liquidation (issue 8).
@Suite struct PrivateChannelsTests {
    let recv = Timestamp(1_795_000_000_900_000, .microseconds)
    let btcUsd = Market(base: "BTC", quote: "USD")
    let access = ChannelAccess(token: "tok123", userID: "4848701")

    private func bitstamp(_ channels: [Channel]) -> Bitstamp {
        Bitstamp(
            subscriptions: channels.map {
                Subscription(channel: $0, market: $0.isAccountWide ? .accountWide : btcUsd)
            })
    }

    private func decode(_ adapter: some ExchangeAdapter, _ bytes: [UInt8]) throws -> [MarketEvent] {
        var events: [MarketEvent] = []
        _ = try bytes.withUnsafeBytes { try adapter.decode($0, receivedAt: recv, into: &events) }
        return events
    }

    private func lines(_ path: String) throws -> [[UInt8]] {
        try FixtureFile.bytes(path).split(separator: 0x0A).map(Array.init)
    }

    @Test func bitstampPrivateSubscribesCarryTheUserIdAndToken() throws {
        let adapter = bitstamp([.trades, .account, .selfTrades, .mySettlements, .liquidations])
        #expect(
            try adapter.subscribeMessages(access: access) == [
                #"{"event":"bts:subscribe","data":{"channel":"live_trades_btcusd"}}"#,
                #"{"event":"bts:subscribe","data":{"channel":"private-my_orders_btcusd-4848701","auth":"tok123"}}"#,
                #"{"event":"bts:subscribe","data":{"channel":"private-my_trades_btcusd-4848701","auth":"tok123"}}"#,
                #"{"event":"bts:subscribe","data":{"channel":"private-live_trades_btcusd-4848701","auth":"tok123"}}"#,
                #"{"event":"bts:subscribe","data":{"channel":"private-my_settlements-4848701","auth":"tok123"}}"#,
                #"{"event":"bts:subscribe","data":{"channel":"private-my_liquidations-4848701","auth":"tok123"}}"#,
            ])
        #expect(throws: ExchangeError.self) { try adapter.subscribeMessages(access: nil) }
    }

    @Test func bitstampMyOrdersBecomeOrderEventsWithAccountFields() throws {
        let adapter = bitstamp([.myOrders])
        let events = try lines("bitstamp/private/my-orders-btcusd.jsonl").flatMap { try decode(adapter, $0) }
        let orders = events.compactMap { if case .order(let order) = $0 { order } else { nil } }
        #expect(orders.map(\.event) == [.created, .changed, .replaced, .stopInactive, .stopActive, .deleted])
        let changed = orders[1]
        #expect(changed.id == "1960000000100001" && changed.side == .buy)
        #expect(changed.price.text == "96000.00" && changed.amount.text == "0.30000000")
        #expect(changed.account?.amountFilled?.text == "0.20000000")
        #expect(changed.account?.amountOriginal?.text == "0.50000000")
        #expect(changed.account?.clientOrderID == "grid-7")
        #expect(changed.header.ts == Timestamp(1_795_000_000_200_000, .microseconds))
        #expect(changed.eventID == nil)  // the public chain check stays out of private orders
        #expect(orders[3].account?.stopPrice?.text == "92000" && orders[3].side == .sell && orders[3].subtype == "20")
    }

    @Test func bitstampMyTradesBecomeFillsWithExactDigits() throws {
        let adapter = bitstamp([.myTrades])
        let events = try lines("bitstamp/private/my-trades-btcusd.jsonl").flatMap { try decode(adapter, $0) }
        let fills = events.compactMap { if case .fill(let fill) = $0 { fill } else { nil } }
        #expect(fills.count == 2)
        #expect(fills[0].id == "635698396" && fills[0].orderID == "1960000000100001" && fills[0].side == .buy)
        #expect(fills[0].fee?.text == "0.04936" && fills[0].clientOrderID == "grid-7" && !fills[0].selfTrade)
        #expect(fills[1].amount.text == "0.30000000" && fills[1].price.text == "96100.00")  // JSON numbers, digits kept
        #expect(fills[1].orderID == "1960000000100002")
    }

    @Test func bitstampSelfTradesBecomeSelfFillsWithBothOrders() throws {
        let adapter = bitstamp([.selfTrades])
        let events = try lines("bitstamp/private/self-trades-btcusd.jsonl").flatMap { try decode(adapter, $0) }
        guard case .fill(let fill)? = events.first else { Issue.record("no fill"); return }
        #expect(fill.selfTrade && fill.side == .sell)
        #expect(fill.orderID == "1960000000100011" && fill.counterOrderID == "1960000000100010")
        #expect(fill.price.text == "96050.00")
    }

    @Test func bitstampSettlementsAndLiquidationsAreAccountWide() throws {
        let adapter = bitstamp([.mySettlements, .liquidations])
        let settlements = try lines("bitstamp/private/my-settlements.jsonl").flatMap { try decode(adapter, $0) }
        let liquidations = try lines("bitstamp/private/my-liquidations.jsonl").flatMap { try decode(adapter, $0) }
        guard case .settlement(let first) = settlements[0], case .settlement(let premium) = settlements[1] else {
            Issue.record("expected two settlements")
            return
        }
        #expect(first.header.market == .accountWide && first.amount?.text == "-1.5" && first.positionID == "1234567890")
        #expect(first.fromFunding?.text == "-0.25" && first.header.ts == Timestamp(1_795_000_000, .seconds))
        #expect(premium.event == "insurance_fund_premium" && premium.amount?.text == "-0.5" && premium.id == "123124")
        let stages = liquidations.compactMap { if case .liquidation(let value) = $0 { value.event } else { nil } }
        #expect(
            stages == [
                "im_breach_warning", "im_breach", "mm_breach_warning", "liquidation_start", "liquidation_concluded",
            ])
    }

    @Test(arguments: [
        "private-my_orders_btcusd", "private-my_orders_btcusd-", "private-my_orders_btcusd-12a",
        "private-my_orders_ethusd-4848701", "private-my_orders_btcusd-perp-4848701",
    ])
    func bitstampIgnoresPrivateChannelsItDidNotSubscribe(channel: String) throws {
        let adapter = bitstamp([.myOrders])
        let text =
            #"{"data":{"id":"1","price_str":"1","amount_str":"1"},"channel":"\#(channel)","event":"order_created"}"#
        var events: [MarketEvent] = []
        let notice = try Array(text.utf8).withUnsafeBytes { try adapter.decode($0, receivedAt: recv, into: &events) }
        #expect(events.isEmpty)
        if case .unknown = notice {
        } else {
            Issue.record("expected an unknown notice, got \(String(describing: notice))")
        }
    }

    @Test func bitvavoAccountEventsBecomeOrdersAndFills() throws {
        let market = Market(base: "BTC", quote: "EUR")
        let adapter = Bitvavo(subscriptions: [Subscription(channel: .account, market: market)])
        #expect(
            try adapter.subscribeMessages() == [
                #"{"action":"subscribe","channels":[{"name":"account","markets":["BTC-EUR"]}]}"#
            ])
        let events = try lines("bitvavo/account-btc-eur.jsonl").flatMap { try decode(adapter, $0) }
        #expect(events.map(\.kind) == [.order, .fill, .order, .fill, .order])
        guard case .order(let created) = events[0], case .fill(let maker) = events[1],
            case .fill(let taker) = events[3],
            case .order(let filled) = events[4]
        else { return }
        #expect(created.event == .created && created.account?.status == "new" && created.subtype == "limit")
        #expect(created.account?.clientOrderID == "2be7d0df-d8dc-4b93-a2e8-6e5d0f3a1b2c")
        #expect(maker.liquidity == "maker" && maker.fee?.text == "0.02440018" && maker.feeCurrency == "EUR")
        #expect(taker.liquidity == "taker" && taker.price.text == "96000.00")
        #expect(filled.event == .deleted && filled.account?.status == "filled" && filled.amount.text == "0")
        #expect(filled.header.ts == Timestamp(1_795_000_000_300, .milliseconds))
    }

    @Test func bitvavoMyOrdersLeavesFillsOut() throws {
        let market = Market(base: "BTC", quote: "EUR")
        let adapter = Bitvavo(subscriptions: [Subscription(channel: .myOrders, market: market)])
        let events = try lines("bitvavo/account-btc-eur.jsonl").flatMap { try decode(adapter, $0) }
        #expect(events.map(\.kind) == [.order, .order, .order])
    }

    @Test func bitvavoAuthenticateReplies() throws {
        let adapter = Bitvavo(subscriptions: [
            Subscription(channel: .account, market: Market(base: "BTC", quote: "EUR"))
        ])
        var events: [MarketEvent] = []
        let ok = Array(#"{"event":"authenticate","authenticated":true}"#.utf8)
        #expect(try ok.withUnsafeBytes { try adapter.decode($0, receivedAt: recv, into: &events) } == .authenticated)
        let refused = try FixtureFile.bytes("bitvavo/authenticate-error.json")
        #expect(
            throws: ExchangeError.authenticationRefused(
                .bitvavo, message: "The signature is invalid. (error 309, invalid signature)")
        ) { try refused.withUnsafeBytes { try adapter.decode($0, receivedAt: recv, into: &events) } }
        let no = Array(#"{"event":"authenticate","authenticated":false}"#.utf8)
        #expect(throws: ExchangeError.self) {
            try no.withUnsafeBytes { try adapter.decode($0, receivedAt: recv, into: &events) }
        }
    }
}

import Testing

@testable import StreamerCore

/// The single pass over a Bitstamp message: key order, duplicate keys and malformed input give what the old
/// three-pass decode gave.
struct BitstampWalkTests {
    private let recv = Timestamp(1_795_000_000_000_000, .microseconds)
    private let adapter = Bitstamp(subscriptions: [
        Subscription(channel: .trades, market: Market(base: "btc", quote: "usd"))
    ])

    private func decode(_ text: String) throws -> (events: [MarketEvent], notice: ExchangeNotice?) {
        var events: [MarketEvent] = []
        let notice = try Array(text.utf8).withUnsafeBytes { raw in
            try adapter.decode(raw, receivedAt: recv, into: &events)
        }
        return (events, notice)
    }

    private func trade(_ text: String) throws -> Trade {
        guard case .trade(let trade)? = try decode(text).events.first else {
            throw ExchangeError.malformed(.bitstamp, detail: "no trade")
        }
        return trade
    }

    @Test func readsATradeWhoseDataComesAfterChannelAndEvent() throws {
        let trade = try trade(
            #"{"event":"trade","channel":"live_trades_btcusd","data":{"id_str":"7","price_str":"1.50","amount_str":"2","type":0,"microtimestamp":"5","buy_order_id":1234567890123456789}}"#
        )
        #expect(trade.id == "7" && trade.price.text == "1.50" && trade.amount.text == "2" && trade.side == .buy)
        #expect(trade.buyOrderID == "1234567890123456789" && trade.sellOrderID == nil)
        #expect(trade.header.ts == Timestamp(5, .microseconds))
    }

    @Test func takesTheLastDataObjectWhenTheKeyRepeats() throws {
        let trade = try trade(
            #"{"data":{"id":1,"price_str":"9","amount_str":"9"},"data":{"id":2,"price_str":"3","amount_str":"4"},"channel":"live_trades_btcusd","event":"trade"}"#
        )
        #expect(trade.id == "2" && trade.price.text == "3" && trade.amount.text == "4")
    }

    @Test func takesTheLastValueOfARepeatedTradeField() throws {
        let trade = try trade(
            #"{"data":{"id":1,"id":2,"price_str":"bad","price_str":"3","amount":4.5,"type":1,"type":7},"channel":"live_trades_btcusd","event":"trade"}"#
        )
        #expect(trade.id == "2" && trade.price.text == "3" && trade.amount.text == "4.5" && trade.side == nil)
    }

    @Test func refusesATradeWhoseLastDataIsNotAnObject() {
        #expect(throws: ExchangeError.self) {
            try decode(
                #"{"data":{"id":1,"price_str":"3","amount_str":"4"},"data":null,"channel":"live_trades_btcusd","event":"trade"}"#
            )
        }
    }

    @Test(arguments: [
        #"{"data":{"id":1,}, "channel":"live_trades_btcusd","event":"trade"}"#,
        #"{"data":{"id":1},"channel":"live_trades_btcusd","event":"trade"} x"#,
        #"{"event":"trade","data":{"a":[1 2]}}"#, #"{"data":{"price_str":"1\q"}}"#, "[1,2", "",
    ])
    func reportsMalformedJSONWithTheScannersWords(_ text: String) {
        let scanner = #expect(throws: JSONError.self) {
            try Array(text.utf8).withUnsafeBytes { _ = try JSONScanner.document($0) }
        }
        let error = #expect(throws: ExchangeError.self) { try decode(text) }
        #expect(error == .malformed(.bitstamp, detail: scanner?.description ?? "?"))
    }

    @Test func saysAValidNonObjectHasNoEvent() {
        let error = #expect(throws: ExchangeError.self) { try decode("[1,2]") }
        #expect(error == .malformed(.bitstamp, detail: "message without an 'event' field"))
    }
}

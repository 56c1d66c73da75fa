import Foundation
import Testing

@testable import StreamerCore

/// The line `JSONLinesRenderer` prints for `event`.
private func line(_ event: MarketEvent) -> String {
    var renderer = JSONLinesRenderer()
    return renderer.text(for: event)
}

/// `text` parsed by Foundation as one JSON object.
private func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// Where each of `keys` first appears as `"key":` in `text`.
private func keyOffsets(_ keys: [String], in text: String) throws -> [Int] {
    try keys.map { key in
        let range = try #require(text.range(of: "\"\(key)\":"), "no \(key) in \(text)")
        return text.distance(from: text.startIndex, to: range.lowerBound)
    }
}

/// JSON lines: exact bytes, key order, number and id types, nulls, golden files.
@Suite struct JSONLinesRendererTests {
    @Test func printsATradeByteForByte() throws {
        #expect(
            line(.trade(try SampleEvents.spotBuy()))
                == #"{"type":"trade","exchange":"bitstamp","market":"ETH-USD","ts":"2022-01-05T00:48:19.596000Z","#
                + #""recv":"2022-01-05T00:48:19.601234Z","id":"216000477","price":3805.44,"amount":0.07920000,"#
                + #""side":"buy","buy_order_id":"1443875737346049","sell_order_id":"1443875731320832"}"# + "\n")
    }

    @Test func keepsTheKeysOfATradeInTheirFixedOrder() throws {
        let text = line(.trade(try SampleEvents.spotSell()))
        let keys = [
            "type", "exchange", "market", "ts", "recv", "id", "price", "amount", "side", "buy_order_id",
            "sell_order_id",
        ]
        let offsets = try keyOffsets(keys, in: text)
        #expect(offsets == offsets.sorted())
        #expect(offsets.first == 1)
        #expect(try object(text).count == keys.count)
    }

    @Test func writesPricesAsJSONNumbersWithTheExchangesDigits() throws {
        let text = line(.trade(try SampleEvents.spotSell()))
        #expect(text.contains(#","price":97001.10,"amount":0.01500000,"#))
        let fields = try object(text)
        #expect(fields["price"] is NSNumber)
        #expect(fields["amount"] is NSNumber)
        #expect((fields["price"] as? NSNumber)?.doubleValue == 97001.1)
    }

    @Test func writesIDsAsStringsEvenPastTwoToTheFiftyThird() throws {
        let fields = try object(line(.trade(try SampleEvents.perpetualUnknownSide())))
        #expect(fields["id"] as? String == "2001939623936278531")
        let spot = try object(line(.trade(try SampleEvents.spotBuy())))
        #expect(spot["buy_order_id"] as? String == "1443875737346049")
        #expect(spot["sell_order_id"] as? String == "1443875731320832")
    }

    @Test func writesNullSideAndNoOrderIDsWhenTheExchangeSentNone() throws {
        let text = line(.trade(try SampleEvents.perpetualUnknownSide()))
        #expect(text.hasSuffix(#","side":null}"# + "\n"))
        #expect(!text.contains("order_id"))
        #expect(try object(text)["side"] is NSNull)
    }

    @Test func writesOnlyTheOrderIDThatIsKnown() throws {
        let text = line(.trade(try SampleEvents.untimedSell()))
        #expect(!text.contains("buy_order_id"))
        #expect(text.hasSuffix(#","side":"sell","sell_order_id":"1960000000012359"}"# + "\n"))
    }

    @Test func writesNullTsWhenTheExchangeSentNoTime() throws {
        let text = line(.trade(try SampleEvents.untimedSell()))
        #expect(text.contains(#","ts":null,"recv":"2026-11-18T11:06:40.130000Z","#))
        #expect(try object(text)["ts"] is NSNull)
    }

    @Test func keepsTheNativeResolutionOfTs() throws {
        let text = line(.trade(try SampleEvents.perpetualUnknownSide()))
        #expect(text.contains(#""market":"BTC-USD-PERP","ts":"2026-11-18T11:06:40.586Z","#))
    }

    @Test func escapesAnIDThatNeedsIt() throws {
        var trade = try SampleEvents.spotBuy()
        trade.id = "a\"b\\c\nd"
        let text = line(.trade(trade))
        #expect(text.contains(#""id":"a\"b\\c\nd","#))
        #expect(try object(text)["id"] as? String == "a\"b\\c\nd")
    }

    @Test func printsAGapByteForByte() throws {
        #expect(
            line(.gap(try SampleEvents.gap()))
                == #"{"type":"gap","exchange":"bitstamp","market":"BTC-USD","ts":null,"#
                + #""recv":"2026-11-18T11:06:47.000001Z","reason":"disconnect","since":"2026-11-18T11:06:40.123456Z"}"#
                + "\n")
    }

    @Test func writesNullSinceWhenNothingCameBeforeTheGap() throws {
        var gap = try SampleEvents.gap()
        gap.since = nil
        gap.reason = .resync
        let text = line(.gap(gap))
        #expect(text.hasSuffix(#","reason":"resync","since":null}"# + "\n"))
        #expect(try object(text)["since"] is NSNull)
    }

    @Test func printsEachEventAsOneValidJSONObjectOnItsOwnLine() throws {
        let events = try SampleEvents.trades().map(MarketEvent.trade) + [.gap(try SampleEvents.gap())]
        for event in events {
            let text = line(event)
            #expect(text.last == "\n")
            #expect(text.dropLast().contains("\n") == false)
            let fields = try object(text)
            #expect(fields["type"] as? String == event.typeName)
            #expect(fields["exchange"] as? String == "bitstamp")
            #expect(fields["market"] as? String == event.header.market.symbol)
        }
    }

    @Test func matchesTheGoldenTradeLines() throws {
        var renderer = JSONLinesRenderer()
        let out = SampleEvents.render(try SampleEvents.trades().map(MarketEvent.trade), with: &renderer)
        try GoldenFile.check(out, matches: "trade.jsonl")
    }

    @Test func matchesTheGoldenGapLine() throws {
        var renderer = JSONLinesRenderer()
        let out = SampleEvents.render([.gap(try SampleEvents.gap())], with: &renderer)
        try GoldenFile.check(out, matches: "gap.jsonl")
    }
}

/// Lines longer than the renderer's scratch buffer, and several lines through one renderer.
@Suite struct JSONLinesRendererBufferTests {
    @Test func rendersALineLongerThanItsScratchBufferWhole() throws {
        var trade = try SampleEvents.spotBuy()
        trade.id = String(repeating: "0123456789\"", count: 1_000)  // 11,000 bytes, 12,000 escaped
        var renderer = JSONLinesRenderer()
        let text = renderer.text(for: .trade(trade))
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(fields["id"] as? String == trade.id)
        #expect(text.hasSuffix(#""sell_order_id":"1443875731320832"}"# + "\n"))
        #expect(renderer.text(for: .trade(try SampleEvents.spotBuy())) == JSONLinesRendererBufferTests.spotBuyLine)
    }

    @Test func appendsEachLineAfterWhatTheBufferAlreadyHolds() throws {
        var renderer = JSONLinesRenderer()
        var out = Array("prefix\n".utf8)
        renderer.render(.trade(try SampleEvents.spotBuy()), into: &out)
        renderer.render(.trade(try SampleEvents.spotBuy()), into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "prefix\n" + Self.spotBuyLine + Self.spotBuyLine)
    }

    static let spotBuyLine =
        #"{"type":"trade","exchange":"bitstamp","market":"ETH-USD","ts":"2022-01-05T00:48:19.596000Z","#
        + #""recv":"2022-01-05T00:48:19.601234Z","id":"216000477","price":3805.44,"amount":0.07920000,"#
        + #""side":"buy","buy_order_id":"1443875737346049","sell_order_id":"1443875731320832"}"# + "\n"
}

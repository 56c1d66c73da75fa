import Testing

@testable import StreamerCore

/// The CSV text printed for `events` by one renderer.
private func csv(_ events: [MarketEvent]) -> String {
    var renderer = CSVRenderer()
    return String(decoding: SampleEvents.render(events, with: &renderer), as: UTF8.self)
}

/// CSV: one header, RFC 4180 quoting, empty unknown fields, golden file.
@Suite struct CSVRendererTests {
    /// The header row.
    static let header = "exchange,market,ts,recv,id,price,amount,side,buy_order_id,sell_order_id\n"

    @Test func printsTheHeaderOnceThenOneRowPerTrade() throws {
        let text = csv(try SampleEvents.trades().map(MarketEvent.trade))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(text.hasPrefix(Self.header))
        #expect(lines.count == 1 + 4 + 1)  // header, four rows, the empty string after the last "\n"
        #expect(lines.filter { $0 == Self.header.dropLast() }.count == 1)
        #expect(lines.last == "")
    }

    @Test func printsATradeRowByteForByte() throws {
        #expect(
            csv([.trade(try SampleEvents.spotBuy())])
                == Self.header
                + "bitstamp,ETH-USD,2022-01-05T00:48:19.596000Z,2022-01-05T00:48:19.601234Z,216000477,3805.44,"
                + "0.07920000,buy,1443875737346049,1443875731320832\n")
    }

    @Test func leavesUnknownFieldsEmpty() throws {
        let rows = csv([.trade(try SampleEvents.perpetualUnknownSide()), .trade(try SampleEvents.untimedSell())])
        #expect(
            rows == Self.header
                + "bitstamp,BTC-USD-PERP,2026-11-18T11:06:40.586Z,2026-11-18T11:06:40.590312Z,2001939623936278531,"
                + "97010,0.00921,,,\n"
                + "bitstamp,BTC-USD,,2026-11-18T11:06:40.130000Z,476000003,0.5,1234567.12345678,sell,,1960000000012359\n"
        )
    }

    @Test func printsNothingForAGapNotEvenTheHeader() throws {
        #expect(csv([.gap(try SampleEvents.gap())]).isEmpty)
        let text = csv([.gap(try SampleEvents.gap()), .trade(try SampleEvents.spotSell())])
        #expect(text.hasPrefix(Self.header))
        #expect(text.split(separator: "\n").count == 2)
    }

    @Test func keepsOneHeaderAcrossSeparateRenderCalls() throws {
        var renderer = CSVRenderer()
        let first = renderer.text(for: .trade(try SampleEvents.spotBuy()))
        let second = renderer.text(for: .trade(try SampleEvents.spotSell()))
        #expect(first.hasPrefix(Self.header))
        #expect(!second.contains("exchange"))
        #expect(second.hasPrefix("bitstamp,BTC-USD,"))
    }

    @Test(arguments: [
        ("plain", "plain"), ("", ""), ("97001.10", "97001.10"), ("a,b", #""a,b""#), (#"say "hi""#, #""say ""hi""""#),
        ("line\nnext", "\"line\nnext\""), ("cr\rhere", "\"cr\rhere\""), (#"""#, #""""""#),
        ("a,\"b\"\nc", "\"a,\"\"b\"\"\nc\""), ("café", "café"), ("semi;colon", "semi;colon"), (" spaced ", " spaced "),
    ])
    func quotesAFieldOnlyWhenRFC4180RequiresIt(field: String, written: String) {
        var out: [UInt8] = []
        CSVRenderer.appendField(field, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == written)
    }

    @Test func quotesAFieldOfARowThatNeedsIt() throws {
        var trade = try SampleEvents.spotBuy()
        trade.id = "1,\"2\"\n3"
        #expect(
            csv([.trade(trade)])
                == Self.header
                + "bitstamp,ETH-USD,2022-01-05T00:48:19.596000Z,2022-01-05T00:48:19.601234Z,\"1,\"\"2\"\"\n3\",3805.44,"
                + "0.07920000,buy,1443875737346049,1443875731320832\n")
    }

    @Test func namesTheColumnsInTheOrderOfTheJSONKeys() throws {
        let header = csv([.trade(try SampleEvents.spotBuy())]).split(separator: "\n").first.map(String.init)
        var renderer = JSONLinesRenderer()
        let line = renderer.text(for: .trade(try SampleEvents.spotBuy()))
        var keys = line.matches(of: /"([a-z_]+)":/).map { String($0.output.1) }
        keys.removeFirst()  // `type`: one type per CSV file
        #expect(header == keys.joined(separator: ","))
    }

    @Test func matchesTheGoldenTradesFile() throws {
        var renderer = CSVRenderer()
        let events = try SampleEvents.trades().map(MarketEvent.trade) + [.gap(try SampleEvents.gap())]
        try GoldenFile.check(SampleEvents.render(events, with: &renderer), matches: "trades.csv")
    }
}

import Testing

@testable import StreamerCore

/// `--time`, `--decimals` and `--fields` in JSON lines and CSV.
struct RenderOptionsTests {
    private func jsonl(_ event: MarketEvent, _ options: RenderOptions) -> String {
        var renderer = JSONLinesRenderer(options: options)
        return renderer.text(for: event)
    }

    private func csv(_ event: MarketEvent, _ options: RenderOptions) -> String {
        var renderer = CSVRenderer(levelColumns: 1, options: options)
        return renderer.text(for: event)
    }

    @Test func printsTimesAsNumbersOrANanosecondString() throws {
        let trade = MarketEvent.trade(try SampleEvents.spotBuy())  // ts 1641343699596000 µs
        #expect(jsonl(trade, RenderOptions(time: .ms)).contains(#""ts":1641343699596,"#))
        #expect(jsonl(trade, RenderOptions(time: .us)).contains(#""ts":1641343699596000,"#))
        #expect(jsonl(trade, RenderOptions(time: .ns)).contains(#""ts":"1641343699596000000","#))
        #expect(csv(trade, RenderOptions(time: .ms)).contains(",1641343699596,"))
    }

    @Test func quotesDecimalsWhenAsked() throws {
        let line = jsonl(.trade(try SampleEvents.spotBuy()), RenderOptions(decimals: .string))
        #expect(line.contains(#""price":"3805.44","amount":"0.07920000""#))
        let book = MarketEvent.book(
            BookUpdate(
                header: try SampleEvents.header("btcusd", ts: nil), kind: .snapshot, depth: 1,
                bids: [BookLevel(price: try SampleEvents.decimal("1.50"), amount: try SampleEvents.decimal("2"))],
                asks: [],
                seq: 7))
        #expect(jsonl(book, RenderOptions(decimals: .string)).contains(#""bids":[["1.50","2"]]"#))
    }

    @Test func printsOnlyTheChosenFieldsInTheChosenOrder() throws {
        let trade = MarketEvent.trade(try SampleEvents.spotBuy())
        #expect(
            jsonl(trade, RenderOptions(fields: ["price", "ts", "side"]))
                == #"{"price":3805.44,"ts":"2022-01-05T00:48:19.596000Z","side":"buy"}"# + "\n")
        #expect(
            csv(trade, RenderOptions(fields: ["price", "ts", "side"]))
                == "price,ts,side\n3805.44,2022-01-05T00:48:19.596000Z,buy\n")
    }

    @Test func knowsTheFieldsOfEveryType() {
        #expect(
            FieldNames.of(.trade) == [
                "type", "exchange", "market", "ts", "recv", "id", "price", "amount", "side", "buy_order_id",
                "sell_order_id",
            ])
        #expect(FieldNames.unknown(["price", "prcie"], for: [.trade]) == ["prcie"])
        for kind in EventKind.allCases {
            #expect(FieldNames.of(kind).prefix(5) == ["type", "exchange", "market", "ts", "recv"])
        }
    }

    @Test func convertsBetweenResolutionsExactlyOrFlooringTowardThePast() {
        #expect(Timestamp(1_500, .milliseconds).value(in: .seconds) == 1)
        #expect(Timestamp(-1, .microseconds).value(in: .milliseconds) == -1)
        #expect(Timestamp(2, .seconds).value(in: .nanoseconds) == 2_000_000_000)
    }
}

import Testing

@testable import StreamerCore

/// Bitvavo's tickers, 24h tickers, exchange candles and trades through `EventPipeline`, decoded from the fixture
/// streams of `Fixtures/sessions/bitvavo-*.session`.
struct BitvavoPipelineTests {
    private typealias S = BitvavoSamples
    private let btc = BitvavoSamples.btcEur
    /// Receive times: line `n` of a stream arrives `n` × 250 ms after this (µs).
    private static let base: Int64 = 1_795_000_000_000_000

    private func recv(_ line: Int) -> Timestamp { Timestamp(Self.base + Int64(line) * 250_000, .microseconds) }

    /// Decodes every line of `fixture` with `adapter` and runs it through `driver`; returns what each line printed.
    private func stream(_ fixture: String, _ adapter: Bitvavo, _ driver: inout PipelineDriver) throws
        -> [[MarketEvent]]
    {
        let lines = try S.fixture(fixture).split(separator: 0x0A).map { Array($0) }
        return try lines.enumerated().map { index, line in
            let (events, notice) = try S.decode(adapter, line, recv: recv(index + 1))
            #expect(notice == nil)
            var printed: [MarketEvent] = []
            for event in events {
                let (out, actions) = driver.process(event)
                #expect(actions.isEmpty)
                printed += out
            }
            return printed
        }
    }

    private func decimal(_ text: String?) throws -> DecimalString? { try text.map { try S.decimal($0) } }

    private func ticker(_ line: Int, _ values: [String?]) throws -> MarketEvent {
        .ticker(
            Ticker(
                header: S.header(btc, nil, recv: recv(line)), bid: try decimal(values[0]),
                bidSize: try decimal(values[1]),
                ask: try decimal(values[2]), askSize: try decimal(values[3]), last: try decimal(values[4])))
    }

    @Test func mergesPartialTickerFramesIntoTheFullStateStampedOnArrival() throws {
        var driver = PipelineDriver.bitvavo([(.ticker, btc)])
        let printed = try stream("ticker-btc-eur.jsonl", S.adapter([(.ticker, btc)]), &driver)
        #expect(
            printed == [
                [try ticker(1, ["75743", "0.14051168", "75744", "0.09383265", "75743"])],
                [try ticker(2, ["75743", "0.14051168", "75745", "0.5", "75743"])],
                [try ticker(3, ["75744.5", "0.01", "75745", "0.5", "75743"])],
            ])
    }

    @Test func keepsTickerStateApartPerMarket() throws {
        let eth = S.ethEur
        var driver = PipelineDriver.bitvavo([(.ticker, btc), (.ticker, eth)])
        let adapter = S.adapter([(.ticker, btc), (.ticker, eth)])
        for text in [
            #"{"event":"ticker","market":"BTC-EUR","bestBid":"75743","bestBidSize":"1"}"#,
            #"{"event":"ticker","market":"ETH-EUR","bestAsk":"2000","bestAskSize":"2"}"#,
        ] {
            for event in try S.decode(adapter, text).events { _ = driver.process(event) }
        }
        let next = try S.decode(adapter, #"{"event":"ticker","market":"ETH-EUR","bestBid":"1999","bestBidSize":"3"}"#)
        let printed = driver.process(try #require(next.events.first)).events
        guard case .ticker(let merged)? = printed.first else { Issue.record("not a ticker: \(printed)"); return }
        #expect(merged.bid?.text == "1999" && merged.ask?.text == "2000" && merged.header.market == eth)
    }

    @Test func passesTicker24hThrough() throws {
        var driver = PipelineDriver.bitvavo([(.ticker24h, btc)])
        let printed = try stream("ticker24h-btc-eur.jsonl", S.adapter([(.ticker24h, btc)]), &driver)
        #expect(printed.map { $0.map(\.kind) } == [[.ticker24h]])
    }

    @Test func passesTradesThroughUnchanged() throws {
        var driver = PipelineDriver.bitvavo([(.trades, btc)])
        let adapter = S.adapter([(.trades, btc)])
        let printed = try stream("trades-btc-eur.jsonl", adapter, &driver)
        let decoded = try (1...4).map {
            try S.decode(adapter, try S.fixtureLine("trades-btc-eur.jsonl", $0), recv: recv($0)).events
        }
        #expect(printed == decoded)
    }

    /// A candle of BTC-EUR's fixture stream, as decoded from `line`.
    private func candle(_ line: Int, closed: Bool) throws -> MarketEvent {
        let (events, _) = try S.decode(
            S.adapter([(.candles, btc)]), try S.fixtureLine("candles-btc-eur.jsonl", line), recv: recv(line))
        guard case .candle(var candle) = try #require(events.first) else { throw CandleMissing() }
        candle.closed = closed
        return .candle(candle)
    }

    private struct CandleMissing: Error {}

    @Test func printsAnExchangeCandleOnceWhenTheNextIntervalStartsAndTheOpenOneAtTheEnd() throws {
        var driver = PipelineDriver.bitvavo([(.candles, btc)])
        #expect(driver.pipeline.needsTicks)
        let printed = try stream("candles-btc-eur.jsonl", S.adapter([(.candles, btc)]), &driver)
        // The second update of 11:06 replaces the first; 11:07's first update closes it.
        #expect(printed == [[], [], [try candle(2, closed: true)]])
        #expect(driver.finish() == [try candle(3, closed: false)])
        #expect(driver.finish().isEmpty)
    }

    @Test func closesAnExchangeCandleByTickTwoSecondsAfterItsIntervalEnds() throws {
        var driver = PipelineDriver.bitvavo([(.candles, btc)])
        let lines = try S.fixture("candles-btc-eur.jsonl").split(separator: 0x0A).map { Array($0) }
        let adapter = S.adapter([(.candles, btc)])
        for (index, line) in lines.prefix(2).enumerated() {
            for event in try S.decode(adapter, line, recv: recv(index + 1)).events { _ = driver.process(event) }
        }
        // 11:06 ends at 1_795_000_020 s; the grace is 2 s.
        #expect(driver.tick(1_795_000_021_999_999).isEmpty)
        #expect(driver.tick(1_795_000_022_000_000) == [try candle(2, closed: true)])
        #expect(driver.finish().isEmpty)
    }

    @Test func streamingTradesBesideExchangeCandlesPrintsOneCandlePerInterval() throws {
        var driver = PipelineDriver.bitvavo([(.trades, btc), (.candles, btc)])
        let adapter = S.adapter([(.trades, btc), (.candles, btc)])
        let messages = [
            #"{"event":"trade","timestamp":1794999961000,"market":"BTC-EUR","id":"a","amount":"1.5","price":"75500","side":"buy"}"#,
            #"{"event":"candle","market":"BTC-EUR","interval":"1m","candle":[[1794999960000,"75500","75500","75500","75500","1.5"]]}"#,
            #"{"event":"trade","timestamp":1795000021000,"market":"BTC-EUR","id":"b","amount":"1","price":"75525","side":"sell"}"#,
            #"{"event":"candle","market":"BTC-EUR","interval":"1m","candle":[[1795000020000,"75525","75525","75525","75525","1"]]}"#,
        ]
        var candles: [Candle] = []
        for text in messages {
            for event in try S.decode(adapter, text).events {
                for case .candle(let candle) in driver.process(event).events { candles.append(candle) }
            }
        }
        for case .candle(let candle) in driver.finish() { candles.append(candle) }
        #expect(candles.count == 2, "candles: \(candles.map { "\($0.start.iso8601) closed \($0.closed)" })")
    }
}

import Foundation
import Testing

@testable import StreamerCore

/// The table text printed for `events` by one renderer.
private func table(_ events: [MarketEvent], markets: [Market], color: Bool) -> String {
    var renderer = TableRenderer(markets: markets, color: color)
    return String(decoding: SampleEvents.render(events, with: &renderer), as: UTF8.self)
}

/// The lines of `text`, without the final empty one.
private func rows(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
}

/// Where each column sits, read off the header row: left-aligned columns by start, right-aligned ones by end.
private struct Columns {
    /// Offset of the market column.
    let market: Int
    /// Offset of the side column.
    let side: Int
    /// Offset one past the price column.
    let priceEnd: Int
    /// Offset one past the amount column.
    let amountEnd: Int
    /// Offset of the id column.
    let id: Int

    /// Reads the offsets from `header`.
    init(header: String) throws {
        /// Offset of `word` in the header.
        func offset(_ word: String) throws -> Int {
            let range = try #require(header.range(of: word), "no \(word) in \(header)")
            return header.distance(from: header.startIndex, to: range.lowerBound)
        }
        market = try offset("MARKET")
        side = try offset("SIDE")
        priceEnd = try offset("PRICE") + 5
        amountEnd = try offset("AMOUNT") + 6
        id = try offset("  ID") + 2  // "ID" alone would match inside "SIDE"
    }
}

/// The characters of `row` in `range`, or nil past its end.
private func slice(_ row: String, _ range: Range<Int>) -> String? {
    let characters = Array(row)
    guard range.lowerBound >= 0, range.upperBound <= characters.count else { return nil }
    return String(characters[range])
}

/// The table: fixed column offsets, colours only when asked, golden files.
@Suite struct TableRendererTests {
    @Test func printsTheHeaderAndARowByteForByte() throws {
        let text = table(
            [.trade(try SampleEvents.spotSell())], markets: [Market(base: "BTC", quote: "USD")], color: false)
        #expect(
            text
                == "TIME (UTC)       MARKET   SIDE           PRICE            AMOUNT  ID\n"
                + "11:06:40.123456  BTC-USD  sell        97001.10        0.01500000  476000002\n")
    }

    @Test func startsEveryColumnAtTheSameOffsetWhateverThePriceLength() throws {
        let trades = try SampleEvents.trades()
        let lines = rows(table(trades.map(MarketEvent.trade), markets: try SampleEvents.markets(), color: false))
        try #require(lines.count == 1 + trades.count)
        let columns = try Columns(header: lines[0])
        for (row, trade) in zip(lines.dropFirst(), trades) {
            var time: [UInt8] = []
            trade.header.ts?.appendTimeOfDay(to: &time)
            let symbol = trade.header.market.symbol, side = trade.side?.rawValue ?? "?"
            let price = trade.price.text, amount = trade.amount.text
            #expect(slice(row, 0..<time.count) == String(decoding: time, as: UTF8.self), "\(row)")
            #expect(slice(row, columns.market - 1..<columns.market + symbol.count) == " " + symbol, "\(row)")
            #expect(slice(row, columns.side - 1..<columns.side + side.count) == " " + side, "\(row)")
            #expect(slice(row, columns.priceEnd - price.count - 1..<columns.priceEnd + 1) == " \(price) ", "\(row)")
            #expect(slice(row, columns.amountEnd - amount.count - 1..<columns.amountEnd + 1) == " \(amount) ", "\(row)")
            #expect(slice(row, columns.id - 1..<row.count) == " " + trade.id, "\(row)")
        }
    }

    @Test(arguments: [([String](), 6), (["btcusd"], 7), (["btcusd", "btcusd-perp"], 12), (["eth-eur"], 7)])
    func sizesTheMarketColumnForTheLongestMarket(symbols: [String], width: Int) throws {
        let markets = try symbols.map { try #require(Market.parse($0)) }
        let header = try #require(
            rows(table([.trade(try SampleEvents.spotBuy())], markets: markets, color: false)).first)
        let columns = try Columns(header: header)
        #expect(columns.market == 15 + 2)
        #expect(columns.side == columns.market + width + 2)
    }

    @Test func showsTheReceiveTimeAndAQuestionMarkSideWhenTheExchangeSentNeither() throws {
        var trade = try SampleEvents.untimedSell()
        trade.side = nil
        let lines = rows(table([.trade(trade)], markets: [trade.header.market], color: false))
        let row = try #require(lines.last)
        var recv: [UInt8] = []
        trade.header.recv.appendTimeOfDay(to: &recv)
        #expect(row.hasPrefix(String(decoding: recv, as: UTF8.self) + "  BTC-USD  ?     "))
    }

    @Test func printsNoEscapeSequencesWithoutColor() throws {
        let text = table(
            try SampleEvents.trades().map(MarketEvent.trade), markets: try SampleEvents.markets(), color: false)
        #expect(!text.utf8.contains(0x1B))
    }

    @Test(arguments: [(Side.buy, "32"), (.sell, "31")])
    func coloursTheSideAndPriceOfATrade(side: Side, code: String) throws {
        var trade = try SampleEvents.spotBuy()
        trade.side = side
        let markets = [trade.header.market]
        let plain = rows(table([.trade(trade)], markets: markets, color: false))
        let colored = rows(table([.trade(trade)], markets: markets, color: true))
        try #require(plain.count == 2 && colored.count == 2)
        let columns = try Columns(header: plain[0])
        let characters = Array(plain[1])
        let expected =
            String(characters[..<columns.side]) + "\u{1B}[\(code)m"
            + String(characters[columns.side..<columns.priceEnd])
            + "\u{1B}[0m" + String(characters[columns.priceEnd...])
        #expect(colored[0] == plain[0])
        #expect(colored[1] == expected)
    }

    @Test func leavesATradeWithUnknownSideUncoloured() throws {
        let trade = try SampleEvents.perpetualUnknownSide()
        let text = table([.trade(trade)], markets: [trade.header.market], color: true)
        #expect(!text.utf8.contains(0x1B))
    }

    @Test func printsNothingForAGapNotEvenTheHeader() throws {
        #expect(table([.gap(try SampleEvents.gap())], markets: try SampleEvents.markets(), color: true).isEmpty)
        let text = table(
            [.gap(try SampleEvents.gap()), .trade(try SampleEvents.spotSell())], markets: [], color: false)
        #expect(rows(text).count == 2)
        #expect(text.hasPrefix("TIME (UTC)"))
    }

    @Test func printsTheHeaderOnlyOnce() throws {
        let text = table(
            try SampleEvents.trades().map(MarketEvent.trade), markets: try SampleEvents.markets(), color: true)
        #expect(rows(text).filter { $0.hasPrefix("TIME (UTC)") }.count == 1)
    }

    @Test func matchesTheGoldenTable() throws {
        var renderer = TableRenderer(markets: try SampleEvents.markets(), color: false)
        let events = try SampleEvents.trades().map(MarketEvent.trade) + [.gap(try SampleEvents.gap())]
        try GoldenFile.check(SampleEvents.render(events, with: &renderer), matches: "trades-table.txt")
    }

    @Test func matchesTheGoldenColouredTable() throws {
        var renderer = TableRenderer(markets: try SampleEvents.markets(), color: true)
        let events = try SampleEvents.trades().map(MarketEvent.trade)
        try GoldenFile.check(SampleEvents.render(events, with: &renderer), matches: "trades-table-color.txt")
    }
}

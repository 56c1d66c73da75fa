import Testing

@testable import StreamerCore

/// The default-order CSV fast path writes what the `--fields` path writes when asked for every column in order.
@Suite struct CSVPlainRowTests {
    /// The rows `renderer` prints for `events`, header included.
    private func rows(_ events: [MarketEvent], _ renderer: CSVRenderer) -> String {
        var renderer = renderer
        var out: [UInt8] = []
        for event in events { renderer.render(event, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: EventKind.allCases.filter { $0 != .gap })
    func matchesTheReorderingPathForEveryType(_ kind: EventKind) throws {
        let event = try EverySampleEvent.event(kind)
        for time in TimeFormat.allCases {
            for depth in [1, 3] {
                let every = Array(FieldNames.of(kind).dropFirst())  // CSV files leave out `type`
                let plain = CSVRenderer(levelColumns: depth, options: RenderOptions(time: time))
                let ordered = CSVRenderer(levelColumns: depth, options: RenderOptions(time: time, fields: every))
                #expect(rows([event, event], plain) == rows([event, event], ordered), "\(kind) \(time) \(depth)")
            }
        }
    }

    @Test func quotesCellsThatNeedItAndKeepsLongRowsWhole() throws {
        var trade = try SampleEvents.spotBuy()
        trade.id = "a,\"b\"\n" + String(repeating: "x", count: 9_000)
        let plain = rows([.trade(trade)], CSVRenderer())
        let every = Array(FieldNames.of(.trade).dropFirst())
        #expect(plain == rows([.trade(trade)], CSVRenderer(options: RenderOptions(fields: every))))
        #expect(plain.contains(",\"a,\"\"b\"\"\n" + String(repeating: "x", count: 9_000) + "\","))
    }
}

import Testing

@testable import StreamerCore

/// Everything `renderer` prints for `event`, including what `finish` adds.
private func rendered(_ event: MarketEvent, with renderer: inout some EventRenderer) -> [UInt8] {
    var out = SampleEvents.render([event], with: &renderer)
    renderer.finish(into: &out)
    return out
}

/// Golden files for every event type in every format, under `Fixtures/golden/every-type/`.
///
/// `STREAMER_RECORD_GOLDEN=1` rewrites them. CSV and the table print nothing for a gap (it goes to stderr),
/// so those two files are empty on purpose.
@Suite struct EveryTypeGoldenTests {
    @Test(arguments: EventKind.allCases)
    func sampleIsOfItsKind(kind: EventKind) throws {
        #expect(try EverySampleEvent.event(kind).kind == kind)
    }

    @Test(arguments: EventKind.allCases)
    func jsonLinesWithDefaultOptions(kind: EventKind) throws {
        var renderer = JSONLinesRenderer()
        let out = rendered(try EverySampleEvent.event(kind), with: &renderer)
        try GoldenFile.check(out, matches: "every-type/\(kind.rawValue).jsonl")
    }

    @Test(arguments: EventKind.allCases)
    func jsonLinesWithNanosecondTimesAndStringDecimals(kind: EventKind) throws {
        var renderer = JSONLinesRenderer(options: RenderOptions(time: .ns, decimals: .string))
        let out = rendered(try EverySampleEvent.event(kind), with: &renderer)
        try GoldenFile.check(out, matches: "every-type/\(kind.rawValue).ns-string.jsonl")
    }

    @Test(arguments: EventKind.allCases)
    func csvWithTwoLevelColumns(kind: EventKind) throws {
        var renderer = CSVRenderer(levelColumns: 2)
        let out = rendered(try EverySampleEvent.event(kind), with: &renderer)
        try GoldenFile.check(out, matches: "every-type/\(kind.rawValue).csv")
    }

    @Test(arguments: EventKind.allCases)
    func tableWithoutColour(kind: EventKind) throws {
        var renderer = TableRenderer(markets: try EverySampleEvent.markets(), color: false)
        let out = rendered(try EverySampleEvent.event(kind), with: &renderer)
        try GoldenFile.check(out, matches: "every-type/\(kind.rawValue).table.txt")
    }

    @Test func bookLadderWithoutColour() throws {
        var renderer = BookLadderRenderer(color: false)
        let out = rendered(try EverySampleEvent.event(.book), with: &renderer)
        try GoldenFile.check(out, matches: "every-type/book.ladder.txt")
    }
}

import Testing

@testable import StreamerCore

/// The local book prints its top `depth` exactly when it differs from the last printed one, also when it skips the
/// comparison because a diff changed only deeper levels (`OrderBook.lastChangeDistance`).
struct LocalBookTopTests {
    private static let base = PipelineSamples.minuteMicros

    /// A live BTC-USD book at `--depth depth`: bids 100 down to 96, asks 101 up to 105, printed once.
    private func liveBook(depth: Int) throws -> PipelineDriver {
        var book = PipelineDriver([(.book, PipelineSamples.btc)], options: PipelineOptions(depth: depth))
        _ = book.process(.book(try PipelineSamples.book(.diff, micros: Self.base)))
        let snapshot = try PipelineSamples.book(
            .snapshot, micros: Self.base + 1, bids: (96...100).reversed().map { ("\($0)", "1") },
            asks: (101...105).map { ("\($0)", "1") })
        #expect(book.snapshot(snapshot).events.count == 1)
        return book
    }

    /// The bid prices printed by a diff at `offset` µs, or nil when it printed nothing.
    private func bidsPrinted(
        _ book: inout PipelineDriver, _ offset: Int64, bids: [(String, String)] = [], asks: [(String, String)] = []
    ) throws -> [String]? {
        let result = book.process(
            .book(try PipelineSamples.book(.diff, micros: Self.base + offset, bids: bids, asks: asks)))
        #expect(result.actions.isEmpty)
        guard case .book(let printed) = result.events.first else { return nil }
        #expect(result.events.count == 1)
        return printed.bids.map(\.price.text)
    }

    @Test(arguments: [1, 2, 3, 4])
    func changesAtTheDepthOrDeeperPrintNothingAndNearerOnesPrint(depth: Int) throws {
        var book = try liveBook(depth: depth)
        let atDepth = "\(100 - depth)"  // the first level below the printed top
        #expect(try bidsPrinted(&book, 10, bids: [(atDepth, "2")]) == nil)  // set
        #expect(try bidsPrinted(&book, 20, bids: [(atDepth + ".5", "1")]) == nil)  // insert just below the top
        #expect(try bidsPrinted(&book, 30, bids: [(atDepth + ".5", "0")]) == nil)  // delete it again
        #expect(try bidsPrinted(&book, 40, asks: [("\(101 + depth)", "0")]) == nil)  // an ask delete at the depth
        let nearest = "\(100 - depth + 1)"  // the last printed level
        #expect(try bidsPrinted(&book, 50, bids: [(nearest, "3")]) == (0..<depth).map { "\(100 - $0)" })
        let inserted = try bidsPrinted(&book, 60, bids: [(nearest + ".5", "1")])
        #expect(inserted == (0..<depth - 1).map { "\(100 - $0)" } + [nearest + ".5"])
    }

    @Test func aDeleteInTheTopPullsTheNextLevelUpAndItsLaterChangesPrint() throws {
        var book = try liveBook(depth: 2)
        #expect(try bidsPrinted(&book, 10, bids: [("99", "0")]) == ["100", "98"])
        #expect(try bidsPrinted(&book, 20, bids: [("98", "5")]) == ["100", "98"])  // now in the top
        #expect(try bidsPrinted(&book, 30, bids: [("97", "5")]) == nil)
    }

    @Test func aDeepChangeAfterAHeldOrRevertedTopStillComparesWithWhatWasPrinted() throws {
        var book = try liveBook(depth: 2)
        // A diff whose changes cancel out in the top: compared, found equal, nothing printed.
        #expect(try bidsPrinted(&book, 10, bids: [("100.5", "1"), ("100.5", "0")]) == nil)
        #expect(try bidsPrinted(&book, 20, bids: [("96", "2")]) == nil)
        // A set that repeats the best level's text exactly is compared too.
        #expect(try bidsPrinted(&book, 30, bids: [("100", "1")]) == nil)
        #expect(try bidsPrinted(&book, 40, bids: [("100", "2")]) == ["100", "99"])
    }

    @Test(arguments: [1 as UInt64, 5, 2024])
    func printsExactlyWhenTheTopDiffersFromTheLastPrintedOne(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let depth = Int.random(in: 1...4, using: &generator)
        var book = try liveBook(depth: depth)
        var model = try OrderBook(
            bids: PipelineSamples.levels((96...100).map { ("\($0)", "1") }),
            asks: PipelineSamples.levels((101...105).map { ("\($0)", "1") }))
        var printed = model.top(depth)
        var prints = 0
        for step in 1...2_000 {
            // A dozen ticks per side in play: bids 97.50-100.25 and asks 100.75-103.50, never crossed.
            var bids: [(String, String)] = []
            var asks: [(String, String)] = []
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let cents = Int.random(in: 0..<12, using: &generator) * 25
                let amount =
                    Int.random(in: 0..<3, using: &generator) == 0 ? "0" : "\(Int.random(in: 1...3, using: &generator))"
                if Bool.random(using: &generator) {
                    bids.append((Self.price(9_750 + cents), amount))
                } else {
                    asks.append((Self.price(10_075 + cents), amount))
                }
            }
            try model.apply(bids: PipelineSamples.levels(bids), asks: PipelineSamples.levels(asks))
            let result = book.process(
                .book(try PipelineSamples.book(.diff, micros: Self.base + Int64(step) * 10, bids: bids, asks: asks)))
            let top = model.top(depth)
            if top == printed {
                #expect(result.events.isEmpty, "step \(step): printed an unchanged top")
            } else {
                #expect(result.events.count == 1, "step \(step): missed a change")
                guard case .book(let update) = result.events.first else { continue }
                #expect(update.bids == top.bids && update.asks == top.asks, "step \(step)")
                printed = top
                prints += 1
            }
        }
        #expect(prints > 200 && prints < 1_800)  // both outcomes were exercised
    }

    /// `cents` hundredths as price text (`"95.5"`, `"100.07"`, `"101"`).
    private static func price(_ cents: Int) -> String {
        let fraction = cents % 100
        if fraction == 0 { return "\(cents / 100)" }
        return "\(cents / 100)."
            + (fraction < 10 ? "0\(fraction)" : fraction % 10 == 0 ? "\(fraction / 10)" : "\(fraction)")
    }
}

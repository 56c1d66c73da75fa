import Testing

@testable import StreamerCore

/// `OrderBook.lastChangeDistance`: how far from the best the nearest change landed, which lets a local book skip its
/// top-N comparison.
@Suite struct OrderBookChangeDistanceTests {
    /// A book with bids 100, 99, 98, 97, 96 and asks 101, 102, 103, 104, 105 (size 1 each).
    private func ladder() throws -> OrderBook {
        try OrderBook(
            bids: BookSamples.levels((96...100).map { ("\($0)", "1") }),
            asks: BookSamples.levels((101...105).map { ("\($0)", "1") }))
    }

    /// Applies one bid change and returns the distance it reported.
    private func bid(_ book: inout OrderBook, _ price: String, _ amount: String) throws -> Int {
        try book.apply(side: .bid, price: BookSamples.decimal(price), amount: BookSamples.decimal(amount))
        return book.lastChangeDistance
    }

    @Test func setsCountTheBetterLevelsAboveThem() throws {
        var book = try ladder()
        #expect(try bid(&book, "100", "2") == 0)
        #expect(try bid(&book, "98.0", "2") == 2)  // same price, other spelling
        #expect(try bid(&book, "96", "2") == 4)
    }

    @Test func insertsCountTheLevelsAboveTheirNewPlace() throws {
        var book = try ladder()
        #expect(try bid(&book, "100.5", "1") == 0)  // a new best
        #expect(try bid(&book, "97.5", "1") == 4)  // below 100.5, 100, 99, 98
        #expect(try bid(&book, "1", "1") == 7)  // a new worst
    }

    @Test func deletesCountTheLevelsAboveTheRemovedOneAndMissingOnesNothing() throws {
        var book = try ladder()
        #expect(try bid(&book, "97", "0") == 3)
        #expect(try bid(&book, "100", "0.000") == 0)
        #expect(try bid(&book, "42", "0") == Int.max)
        #expect(book.top(10).bids.map(\.price.text) == ["99", "98", "96"])
    }

    @Test func aDiffReportsItsNearestChangeOnEitherSide() throws {
        var book = try ladder()
        try book.apply(bids: BookSamples.levels([("97", "2"), ("50", "0")]), asks: BookSamples.levels([("102", "0")]))
        #expect(book.lastChangeDistance == 1)
        try book.apply(bids: BookSamples.levels([("96", "2")]), asks: [])
        #expect(book.lastChangeDistance == 4)
        try book.apply(bids: [], asks: [])
        #expect(book.lastChangeDistance == Int.max)
    }

    @Test func snapshotsClearsAndFailuresCountAsChangesAtTheBest() throws {
        var book = try ladder()
        #expect(book.lastChangeDistance == 0)
        try book.apply(bids: [], asks: [])
        #expect(book.lastChangeDistance == Int.max)
        book.removeAll()
        #expect(book.lastChangeDistance == 0)
        book = try ladder()
        try book.apply(bids: [], asks: [])
        let tooFine = try BookSamples.levels([("96", "3"), ("0.0000000000000000001", "1")])
        #expect(throws: BookError.self) { try book.apply(bids: tooFine, asks: []) }
        #expect(book.lastChangeDistance == 0)  // "96" was applied before the throw
    }

    @Test func equalityIgnoresHowABookWasLastChanged() throws {
        var changed = try ladder()
        try changed.apply(bids: [], asks: [])
        #expect(changed == (try ladder()))
    }

    @Test(arguments: [1 as UInt64, 7, 99])
    func aChangeAtOrBeyondTheDepthLeavesTheTopAsItWas(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var book = try ladder()
        var checked = (unchanged: 0, changed: 0)
        for _ in 0..<3_000 {
            let depth = Int.random(in: 1...6, using: &generator)
            let before = book.top(depth)
            let halves = Int.random(in: 180...203, using: &generator)  // 90 to 101.5: a dozen levels in play
            let price = halves % 2 == 0 ? "\(halves / 2)" : "\(halves / 2).5"
            let amount =
                Int.random(in: 0..<3, using: &generator) == 0 ? "0" : "\(Int.random(in: 1...9, using: &generator))"
            _ = try bid(&book, price, amount)
            if book.lastChangeDistance >= depth {
                #expect(book.top(depth) == before, "top \(depth) changed by \(price) \(amount)")
                checked.unchanged += 1
            } else {
                checked.changed += 1
            }
        }
        #expect(checked.unchanged > 100 && checked.changed > 100)  // both branches were exercised
    }
}

import Testing

@testable import StreamerCore

/// The exact-decimal price-level book: absolute sizes, deletes, ordering and snapshots.
@Suite struct OrderBookTests {
    /// Applies one `(price, amount)` text pair to `side`.
    private func apply(_ book: inout OrderBook, _ side: BookSide, _ price: String, _ amount: String) throws {
        try book.apply(side: side, price: BookSamples.decimal(price), amount: BookSamples.decimal(amount))
    }

    @Test func insertsAndOverwritesAbsoluteSizes() throws {
        var book = OrderBook()
        try apply(&book, .bid, "100", "1")
        try apply(&book, .bid, "100", "2.5")
        try apply(&book, .ask, "101", "0.3")
        #expect(book.bidCount == 1)
        #expect(book.askCount == 1)
        #expect(BookSamples.texts(book.top(10).bids) == [["100", "2.5"]])
        #expect(BookSamples.texts(book.top(10).asks) == [["101", "0.3"]])
    }

    @Test(arguments: ["0", "0.00000000", "-0.0", "0.00000"])
    func deletesALevelForAnyZeroSpelling(_ zero: String) throws {
        var book = OrderBook()
        try apply(&book, .ask, "101.5", "1")
        try apply(&book, .ask, "102", "1")
        try apply(&book, .ask, "101.50", zero)
        #expect(BookSamples.texts(book.top(10).asks) == [["102", "1"]])
    }

    @Test func deletingAMissingLevelChangesNothing() throws {
        var book = OrderBook()
        try apply(&book, .bid, "100", "1")
        let before = book
        try apply(&book, .bid, "99", "0")
        try apply(&book, .ask, "100", "0")
        #expect(book == before)
        #expect(book.askCount == 0)
    }

    @Test func listsBidsDescendingAndAsksAscendingBestFirst() throws {
        var book = OrderBook()
        for price in ["99.5", "100", "9.99", "99.75", "10"] { try apply(&book, .bid, price, "1") }
        for price in ["101", "100.5", "1000", "100.25", "101.0001"] { try apply(&book, .ask, price, "1") }
        let top = book.top(3)
        #expect(top.bids.map(\.price.text) == ["100", "99.75", "99.5"])
        #expect(top.asks.map(\.price.text) == ["100.25", "100.5", "101"])
        #expect(book.top(100).bids.map(\.price.text) == ["100", "99.75", "99.5", "10", "9.99"])
        #expect(book.top(0).bids.isEmpty)
        #expect(book.top(-1).asks.isEmpty)
        #expect(book.bestBid?.price.text == "100")
        #expect(book.bestAsk?.price.text == "100.25")
    }

    @Test func reportsACrossedBookWhenTheBestBidReachesTheBestAsk() throws {
        var book = OrderBook()
        #expect(!book.isCrossed)
        try apply(&book, .bid, "100", "1")
        #expect(!book.isCrossed)
        try apply(&book, .ask, "100.01", "1")
        #expect(!book.isCrossed)
        try apply(&book, .bid, "100.010", "1")
        #expect(book.isCrossed)
        try apply(&book, .bid, "100.01", "0")
        try apply(&book, .bid, "100.5", "1")
        #expect(book.isCrossed)
    }

    @Test func keepsTheLatestPriceTextAndTheExactAmountText() throws {
        var book = OrderBook()
        try apply(&book, .bid, "75516", "0.10000000")
        try apply(&book, .bid, "75516.00", "0.00058294")
        #expect(book.bidCount == 1)
        #expect(BookSamples.texts(book.top(1).bids) == [["75516.00", "0.00058294"]])
        try apply(&book, .bid, "75516.0", "0.5")
        #expect(BookSamples.texts(book.top(1).bids) == [["75516.0", "0.5"]])
        #expect(try book.level(.bid, at: BookSamples.decimal("75516"))?.amount.text == "0.5")
        #expect(try book.level(.ask, at: BookSamples.decimal("75516")) == nil)
    }

    @Test func replacesEverythingWithASnapshotInAnyOrder() throws {
        var book = OrderBook()
        try apply(&book, .bid, "1", "1")
        try apply(&book, .ask, "2", "1")
        try book.replace(
            bids: BookSamples.levels([("99", "1"), ("100", "2"), ("98", "0"), ("99.0", "3")]),
            asks: BookSamples.levels([("102", "1"), ("101", "4")]))
        #expect(BookSamples.texts(book.top(10).bids) == [["100", "2"], ["99.0", "3"]])
        #expect(BookSamples.texts(book.top(10).asks) == [["101", "4"], ["102", "1"]])
    }

    @Test func leavesTheBookUntouchedWhenASnapshotHasAnUnrepresentablePrice() throws {
        var book = try OrderBook(bids: BookSamples.levels([("100", "1")]), asks: [])
        let before = book
        let bad = try BookSamples.decimal("1.0000000000000000001")
        #expect(throws: BookError.unrepresentablePrice(bad)) {
            try book.replace(bids: [], asks: [BookLevel(price: bad, amount: BookSamples.decimal("1"))])
        }
        #expect(book == before)
    }

    @Test func refusesAnUpdateWithAnUnrepresentablePrice() throws {
        var book = OrderBook()
        let bad = try BookSamples.decimal("0.0000000000000000001")
        #expect(throws: BookError.unrepresentablePrice(bad)) {
            try book.apply(side: .bid, price: bad, amount: BookSamples.decimal("1"))
        }
        #expect(book.isEmpty)
    }

    @Test func removesAllLevels() throws {
        var book = try OrderBook(bids: BookSamples.levels([("1", "1")]), asks: BookSamples.levels([("2", "1")]))
        book.removeAll()
        #expect(book.isEmpty)
        #expect(book.bestBid == nil)
        #expect(book.bestAsk == nil)
    }

    @Test func matchesATopSnapshotByValueAndNotByText() throws {
        let book = try OrderBook(
            bids: BookSamples.levels([("100.00", "0.50000000"), ("99", "1"), ("98", "7")]),
            asks: BookSamples.levels([("101", "2.0"), ("102.5", "3")]))
        let top = (
            bids: try BookSamples.levels([("100", "0.5"), ("99.0", "1.00")]),
            asks: try BookSamples.levels([("101.0", "2"), ("102.50", "3")])
        )
        #expect(book.matches(top: top, depth: 2))
        #expect(!book.matches(top: top, depth: 3))  // the local book has a third bid the snapshot lacks
    }
}

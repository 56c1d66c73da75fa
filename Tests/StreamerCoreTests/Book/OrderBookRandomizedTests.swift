import Testing

@testable import StreamerCore

/// The sorted-array book against a plain dictionary model over thousands of seeded random operations.
@Suite struct OrderBookRandomizedTests {
    /// A reference side: a dictionary by key, sorted only when compared.
    private typealias Model = [PriceKey: BookLevel]

    /// Random price text for one of 400 ticks (98.00 to 101.99), spelled with a random amount of zero padding.
    private static func price(_ generator: inout SeededGenerator) -> String {
        let cents = Int.random(in: 9_800..<10_200, using: &generator)
        let whole = "\(cents / 100)"
        let fraction = cents % 100
        let digits = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return fraction == 0 ? whole : whole + "." + (digits.hasSuffix("0") ? String(digits.prefix(1)) : digits)
        case 1: return whole + "." + digits
        case 2: return whole + "." + digits + "000000"
        default: return fraction == 0 ? whole + ".0" : whole + "." + digits + "0"
        }
    }

    /// Random amount text; about a third of them are some spelling of zero.
    private static func amount(_ generator: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<9, using: &generator) {
        case 0: return "0"
        case 1: return "0.00000000"
        case 2: return "0.00"
        default: return "0.\(Int.random(in: 10_000_000..<100_000_000, using: &generator))"
        }
    }

    /// The model's levels best first.
    private static func sorted(_ model: Model, side: BookSide) -> [BookLevel] {
        model.sorted { side == .bid ? $0.key > $1.key : $0.key < $1.key }.map(\.value)
    }

    @Test(arguments: [1 as UInt64, 42, 0xDEAD_BEEF])
    func agreesWithADictionaryModelOverRandomOperations(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var book = OrderBook()
        var bids = Model()
        var asks = Model()
        for step in 0..<5_000 {
            if step == 2_500 {
                // Halfway, a snapshot replaces everything.
                let snapshotBids = try (0..<50).map { _ in
                    BookLevel(
                        price: try BookSamples.decimal(Self.price(&generator)), amount: try BookSamples.decimal("1"))
                }
                try book.replace(bids: snapshotBids, asks: [])
                bids = [:]
                asks = [:]
                for level in snapshotBids { bids[try BookSamples.key(level.price.text)] = level }
            }
            let side: BookSide = Bool.random(using: &generator) ? .bid : .ask
            let price = try BookSamples.decimal(Self.price(&generator))
            // From step 2,000 on, mostly deletes: blocks shrink and merge.
            let amount =
                step >= 2_000 && Int.random(in: 0..<4, using: &generator) > 0
                ? try BookSamples.decimal("0") : try BookSamples.decimal(Self.amount(&generator))
            try book.apply(side: side, price: price, amount: amount)
            let key = try BookSamples.key(price.text)
            let level: BookLevel? = amount.isZero ? nil : BookLevel(price: price, amount: amount)
            if side == .bid { bids[key] = level } else { asks[key] = level }

            if step % 250 == 0 || step == 4_999 {
                let top = book.top(Int.max)
                #expect(top.bids == Self.sorted(bids, side: .bid), "bids differ at step \(step)")
                #expect(top.asks == Self.sorted(asks, side: .ask), "asks differ at step \(step)")
                #expect(book.bidCount == bids.count)
                #expect(book.askCount == asks.count)
                #expect(book.top(5).bids == Array(Self.sorted(bids, side: .bid).prefix(5)))
            }
        }
    }

    /// The blocked ladder against the model with small blocks (many splits and merges), over a wide price range,
    /// checking after every step the top levels, the counts, lookups and the reported change distance.
    @Test(arguments: [(UInt64(7), 4), (99, 5), (5, 8), (2026, 64)])
    func blocksAgreeWithTheModelAtEveryStep(seed: UInt64, blockCapacity: Int) throws {
        var generator = SeededGenerator(seed: seed)
        var book = OrderBook(blockCapacity: blockCapacity)
        var model = [BookSide.bid: Model(), .ask: Model()]
        for step in 0..<3_000 {
            if step == 1_000 {
                // A snapshot of 1,500 levels a side replaces everything (blocks built half full).
                var bids: [BookLevel] = []
                var asks: [BookLevel] = []
                model = [.bid: Model(), .ask: Model()]
                for tick in 0..<1_500 {
                    let bid = BookLevel(
                        price: try BookSamples.decimal("\(10_000 - tick).5"), amount: try BookSamples.decimal("1"))
                    let ask = BookLevel(
                        price: try BookSamples.decimal("\(10_001 + tick).5"), amount: try BookSamples.decimal("2"))
                    bids.append(bid)
                    asks.append(ask)
                    model[.bid]?[try BookSamples.key(bid.price.text)] = bid
                    model[.ask]?[try BookSamples.key(ask.price.text)] = ask
                }
                try book.replace(bids: bids.shuffled(using: &generator), asks: asks)
            }
            let side: BookSide = Bool.random(using: &generator) ? .bid : .ask
            // Bids and asks on their own halves of 8,000..12,000, so the book is never crossed in the model's eyes.
            let whole =
                side == .bid
                ? Int.random(in: 8_000...10_000, using: &generator) : Int.random(in: 10_001...12_000, using: &generator)
            let price = try BookSamples.decimal("\(whole).5")
            // From step 2,000 on, mostly deletes: blocks shrink and merge.
            let amount =
                step >= 2_000 && Int.random(in: 0..<4, using: &generator) > 0
                ? try BookSamples.decimal("0") : try BookSamples.decimal(Self.amount(&generator))
            let key = try BookSamples.key(price.text)
            let sideModel = model[side] ?? [:]
            let better = sideModel.keys.filter { side == .bid ? $0 > key : $0 < key }.count
            let expectedDistance =
                amount.isZero && sideModel[key] == nil ? Int.max : min(better, BookLadder.distanceLimit)
            try book.apply(side: side, price: price, amount: amount)
            model[side]?[key] = amount.isZero ? nil : BookLevel(price: price, amount: amount)
            #expect(book.lastChangeDistance == expectedDistance, "distance at step \(step)")
            #expect(book.level(side, at: price) == model[side]?[key], "lookup at step \(step)")
            #expect(book.bidCount == model[.bid]?.count && book.askCount == model[.ask]?.count)
            #expect(book.invariantsHold, "blocks inconsistent at step \(step)")
            if step % 10 == 0 {
                let top = book.top(12)
                #expect(top.bids == Array(Self.sorted(model[.bid] ?? [:], side: .bid).prefix(12)), "bids at \(step)")
                #expect(top.asks == Array(Self.sorted(model[.ask] ?? [:], side: .ask).prefix(12)), "asks at \(step)")
            }
            if step % 500 == 499 {
                let all = book.top(Int.max)
                #expect(all.bids == Self.sorted(model[.bid] ?? [:], side: .bid), "all bids at step \(step)")
                #expect(all.asks == Self.sorted(model[.ask] ?? [:], side: .ask), "all asks at step \(step)")
            }
        }
        // Equality is by levels, not by how they fall into blocks.
        var rebuilt = OrderBook()
        let all = book.top(Int.max)
        try rebuilt.replace(bids: all.bids, asks: all.asks)
        #expect(rebuilt == book)
    }
}

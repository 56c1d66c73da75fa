import StreamerCore

extension MicroBenchmarks {
    /// Levels per side of the benchmark books.
    static let levels = 1_000

    /// Price text of bid `k` (0 is the best): 96999.99 down in steps of 0.37, unpadded as exchanges send it.
    static func bidPrice(_ k: Int) -> String { decimal(cents: 9_699_999 - k * 37) }
    /// Price text of ask `k` (0 is the best): 97000.01 up in steps of 0.37.
    static func askPrice(_ k: Int) -> String { decimal(cents: 9_700_001 + k * 37) }

    /// `cents` as decimal text without trailing zeros (`96999.5`, `96999`).
    static func decimal(cents: Int) -> String {
        var fraction = String(cents % 100)
        if fraction.count == 1 { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return String(cents / 100) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// An 8-decimal amount (`0.15486863`) from a count of 1e-8 units.
    static func amount(_ units: Int) -> String {
        let fraction = String(units % 100_000_000)
        return String(units / 100_000_000) + "." + String(repeating: "0", count: 8 - fraction.count) + fraction
    }

    /// `OrderBook.apply(side:price:amount:)` on a book of 1,000 levels a side: 4,096 updates cycled, uniform over
    /// the top 50 levels of a side, 30% deletes (amount 0) of levels that later updates re-add; then the same spread
    /// over all 1,000 levels (the far end of the ladder: every insert or delete shifts the levels above it).
    ///
    /// The `churn` figures make every update structural (a level deleted, then re-added, at a uniformly random
    /// depth), the sorted ladder's worst case, at 1,000 and 10,000 levels a side.
    func bookApply() throws {
        try bookApply(window: 50, name: "micro.book.apply", reportTop: true)
        try bookApply(window: Self.levels, name: "micro.book.apply.anywhere", reportTop: false)
        try bookApply(window: Self.levels, name: "micro.book.churn.anywhere", reportTop: false, churn: true)
        try bookApply(
            levels: 10_000, window: 10_000, name: "micro.book.churn.anywhere@10k", reportTop: false, churn: true)
    }

    /// `bookApply` on `levels` a side with updates spread uniformly over the best `window` levels of each side;
    /// with `churn`, updates come in pairs that delete a level and re-add it.
    private func bookApply(
        levels: Int = MicroBenchmarks.levels, window: Int, name: String, reportTop: Bool, churn: Bool = false
    ) throws {
        var bids: [BookLevel] = []
        var asks: [BookLevel] = []
        for k in 0..<levels {
            guard let bid = DecimalString(Self.bidPrice(k)), let ask = DecimalString(Self.askPrice(k)),
                let size = DecimalString(Self.amount(k * 15_485_863 % 500_000_000 + 1_000))
            else { throw BenchError.failed("bad level text") }
            bids.append(BookLevel(price: bid, amount: size))
            asks.append(BookLevel(price: ask, amount: size))
        }
        let start = try OrderBook(bids: bids, asks: asks)
        var updates: [(side: BookSide, price: DecimalString, amount: DecimalString)] = []
        var deletes = 0
        for u in 0..<4_096 {
            let pick = churn ? u / 2 : u  // churn: the same level twice, deleted then re-added
            let side: BookSide = pick % 2 == 0 ? .bid : .ask
            let k = (pick &* 2_654_435_761 >> 7) % window
            let delete = churn ? u % 2 == 0 : (u / 2) % 10 < 3
            if delete { deletes += 1 }
            let text = delete ? "0.00000000" : Self.amount((u &* 7_919) % 300_000_000 + 100_000)
            guard let price = DecimalString(side == .bid ? Self.bidPrice(k) : Self.askPrice(k)),
                let amount = DecimalString(text)
            else { throw BenchError.failed("bad update text") }
            updates.append((side, price, amount))
        }
        var finalLevels = 0
        let rate = try harness.medianRate { iterations in
            var book = start
            for _ in 0..<iterations {
                for update in updates { try book.apply(side: update.side, price: update.price, amount: update.amount) }
            }
            finalLevels = book.bidCount + book.askCount
            checksum.add(finalLevels)
            return iterations * updates.count
        }
        Report.figure(
            name, Format.grouped(rate), "updates/s",
            "OrderBook.apply(side:price:amount:), \(Format.grouped(levels)) levels a side, \(updates.count) updates "
                + "cycled within the top \(window), \(deletes * 100 / updates.count)% deletes then re-adds"
                + (churn ? " of the same level (every update inserts or deletes)" : "")
                + " (\(finalLevels) levels at the end)"
                + harness.spread(Format.grouped))
        guard reportTop else { return }
        let withTop = try harness.medianRate { iterations in
            var book = start
            var sum = 0
            for _ in 0..<iterations {
                for update in updates {
                    try book.apply(side: update.side, price: update.price, amount: update.amount)
                    let top = book.top(10)
                    sum &+= top.bids.count &+ top.asks.count
                }
            }
            checksum.add(sum)
            return iterations * updates.count
        }
        Report.figure(
            "micro.book.apply+top10", Format.grouped(withTop), "updates/s",
            "the same, reading top(10) after every update (what the local book does per diff to see if it changed)"
                + harness.spread(Format.grouped))
    }

    /// A Bitvavo `getBook` reply with 1,000 levels a side, parsed and built into an `OrderBook`: through the Bitvavo
    /// adapter's own snapshot decoder when this build has one, and with JSONScanner + DecimalString directly.
    func snapshot() throws {
        let path = "Fixtures/bench/bitvavo-getbook-btc-eur.json"
        let body = try FileBytes.contents(of: path)
        let market = Market(base: "BTC", quote: "EUR")
        let adapter = ExchangeID.bitvavo.adapter(for: [Subscription(channel: .book, market: market)])
        let size = "\(path) (\(Format.grouped(body.count)) bytes, 1,000 levels a side)"
        if ExchangeID.bitvavo.streamableChannels.contains(.book), (try? Self.adapterSnapshot(adapter, body)) != nil {
            let perSnapshot = try secondsPerBook { try Self.adapterSnapshot(adapter, body) }
            Report.figure(
                "micro.snapshot.getbook", Format.fixed(perSnapshot * 1e6, 1), "µs",
                "Bitvavo adapter decode of \(size) (ExchangeNotice.snapshot) + OrderBook(bids:asks:); per snapshot"
                    + harness.spread { Format.fixed($0 * 1e6, 1) })
        } else {
            Report.skipped("micro.snapshot.getbook", "this build's Bitvavo adapter decodes no getBook snapshot")
        }
        let perSnapshot = try secondsPerBook { try body.withUnsafeBytes { try Self.parseGetBook($0) } }
        Report.figure(
            "micro.snapshot.getbook.scanner", Format.fixed(perSnapshot * 1e6, 1), "µs",
            "the same with JSONScanner + JSONToken.decimal into BookLevels directly (no adapter), then OrderBook"
                + harness.spread { Format.fixed($0 * 1e6, 1) })
    }

    /// The median seconds `build` takes to make one book (its level counts go into the checksum).
    private func secondsPerBook(_ build: () throws -> OrderBook) throws -> Double {
        try harness.medianSecondsPerUnit { iterations in
            var sum = 0
            for _ in 0..<iterations {
                let book = try build()
                sum &+= book.bidCount &+ book.askCount
            }
            checksum.add(sum)
            return iterations
        }
    }

    /// The book of a `getBook` reply through the adapter (`ExchangeNotice.snapshot`).
    static func adapterSnapshot(_ adapter: any ExchangeAdapter, _ body: [UInt8]) throws -> OrderBook {
        var events: [MarketEvent] = []
        let notice = try body.withUnsafeBytes { try adapter.decode($0, receivedAt: receivedAt, into: &events) }
        guard case .snapshot(let update, _) = notice else { throw BenchError.failed("no snapshot from getBook") }
        return try OrderBook(bids: update.bids, asks: update.asks)
    }

    /// The book in a `getBook` reply (`response.bids`/`asks`, B.5).
    static func parseGetBook(_ raw: UnsafeRawBufferPointer) throws -> OrderBook {
        let root = try JSONScanner.document(raw)
        var response: JSONToken?
        var members = JSONScanner.members(of: root, in: raw)
        while let (key, value) = members.next() {
            if key.isString("response", in: raw) {
                response = value
                break
            }
        }
        guard let response, response.kind == .object else { throw BenchError.failed("getBook without a response") }
        var bids: [BookLevel] = []
        var asks: [BookLevel] = []
        var nonce: Int64?
        var fields = JSONScanner.members(of: response, in: raw)
        while let (key, value) = fields.next() {
            if key.isString("bids", in: raw) {
                bids = try levels(value, raw)
            } else if key.isString("asks", in: raw) {
                asks = try levels(value, raw)
            } else if key.isString("nonce", in: raw) {
                nonce = value.int64(in: raw)
            }
        }
        guard nonce != nil else { throw BenchError.failed("getBook without a nonce") }
        return try OrderBook(bids: bids, asks: asks)
    }

    private static func levels(_ array: JSONToken, _ raw: UnsafeRawBufferPointer) throws -> [BookLevel] {
        var levels: [BookLevel] = []
        levels.reserveCapacity(1_000)
        var elements = JSONScanner.elements(of: array, in: raw)
        while let pair = elements.next() {
            var parts = JSONScanner.elements(of: pair, in: raw)
            guard let priceToken = parts.next(), let amountToken = parts.next(),
                let price = priceToken.decimal(in: raw), let amount = amountToken.decimal(in: raw)
            else { throw BenchError.failed("a getBook level is not [price, amount]") }
            levels.append(BookLevel(price: price, amount: amount))
        }
        return levels
    }
}

/// The `book` channel on a terminal: a depth ladder redrawn in place (bids and asks side by side, sizes, depth bars,
/// spread and mid), on the alternate screen so the terminal is restored on exit.
public struct BookLadderRenderer: EventRenderer {
    private var books: [String: BookUpdate] = [:]
    private var order: [String] = []
    private var started = false
    private let color: Bool
    private static let barWidth = 16

    /// A ladder; `color` paints bids green and asks red.
    public init(color: Bool) { self.color = color }

    public mutating func render(_ event: MarketEvent, into out: inout [UInt8]) {
        guard case .book(let book) = event else { return }
        let symbol = book.header.market.symbol
        if books[symbol] == nil { order.append(symbol) }
        books[symbol] = book
        if !started {
            started = true
            out.append(contentsOf: "\u{1B}[?1049h\u{1B}[?25l".utf8)  // alternate screen, hide the cursor
        }
        out.append(contentsOf: "\u{1B}[H\u{1B}[2J".utf8)  // home, clear
        for symbol in order {
            guard let book = books[symbol] else { continue }
            out.append(contentsOf: ladder(book).utf8)
        }
    }

    public mutating func finish(into out: inout [UInt8]) {
        guard started else { return }
        out.append(contentsOf: "\u{1B}[?25h\u{1B}[?1049l".utf8)  // show the cursor, leave the alternate screen
        // What was on screen is gone with the alternate screen: leave the last ladders in the scrollback.
        for symbol in order { if let book = books[symbol] { out.append(contentsOf: ladder(book).utf8) } }
        started = false
    }

    private func ladder(_ book: BookUpdate) -> String {
        var time: [UInt8] = []
        book.header.ts?.appendTimeOfDay(to: &time)
        var lines = [
            "\(book.header.market.symbol)  \(book.header.exchange.name) book  \(String(decoding: time, as: UTF8.self)) UTC"
                + (book.seq.map { "  seq \($0)" } ?? ""),
            String(repeating: " ", count: Self.barWidth + 1) + pad("BID SIZE", 14, right: true) + "  "
                + pad("BID", 14, right: true) + "  │  " + pad("ASK", 14, right: false)
                + "  " + pad("ASK SIZE", 14, right: true),
        ]
        let largest = (book.bids + book.asks).compactMap { PriceKey($0.amount) }.max()
        for index in 0..<max(book.bids.count, book.asks.count) {
            let bid = index < book.bids.count ? book.bids[index] : nil
            let ask = index < book.asks.count ? book.asks[index] : nil
            var line = bar(bid?.amount, largest, leftPadded: true) + " "
            line += paint(
                pad(bid?.amount.text ?? "", 14, right: true) + "  " + pad(bid?.price.text ?? "", 14, right: true), "32")
            line += "  │  "
            line += paint(
                pad(ask?.price.text ?? "", 14, right: false) + "  " + pad(ask?.amount.text ?? "", 14, right: true), "31"
            )
            line += " " + bar(ask?.amount, largest, leftPadded: false)
            lines.append(line)
        }
        if let bid = book.bids.first?.price, let ask = book.asks.first?.price {
            var spread = DecimalSum()
            spread.add(ask)
            spread.add(DecimalString(trusted: bid.text.hasPrefix("-") ? String(bid.text.dropFirst()) : "-" + bid.text))
            var sum = DecimalSum()
            sum.add(bid)
            sum.add(ask)
            lines.append("spread \(spread.decimal.text)  mid \(sum.halved.text)")
        }
        return lines.joined(separator: "\n") + "\n\n"
    }

    /// A depth bar proportional to `amount` against the largest size shown.
    private func bar(_ amount: DecimalString?, _ largest: PriceKey?, leftPadded: Bool) -> String {
        guard let amount, let key = PriceKey(amount), let largest, largest.scaled > 0 else {
            return String(repeating: " ", count: Self.barWidth)
        }
        let cells = Int(min(Int128(Self.barWidth), max(1, key.scaled * Int128(Self.barWidth) / largest.scaled)))
        let filled = String(repeating: "█", count: cells)
        let blank = String(repeating: " ", count: Self.barWidth - cells)
        return leftPadded ? blank + filled : filled + blank
    }

    private func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    private func pad(_ text: String, _ width: Int, right: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}

/// Aligned columns for people: widths fixed before the first row so rows never jitter; buy/sell in colour on a terminal.
public struct TableRenderer: EventRenderer {
    private let color: Bool
    private let marketWidth: Int
    private var headerWritten = false
    private static let timeWidth = 15
    private static let sideWidth = 4
    private static let priceWidth = 14
    private static let amountWidth = 16

    /// A table for events of `markets`; `color` adds ANSI colours to the side and price.
    public init(markets: [Market], color: Bool) {
        self.color = color
        self.marketWidth = max(6, markets.map(\.symbol.count).max() ?? 0)
    }

    public mutating func render(_ event: MarketEvent, into out: inout [UInt8]) {
        guard case .trade(let trade) = event else { return }  // other types reach stderr as notes, not rows
        if !headerWritten {
            headerWritten = true
            appendRow(time: "TIME (UTC)", market: "MARKET", side: "SIDE", price: "PRICE", amount: "AMOUNT", id: "ID", colorCode: nil, to: &out)
        }
        var time: [UInt8] = []
        trade.header.ts?.appendTimeOfDay(to: &time)
        let colorCode: String? =
            switch trade.side {
            case .buy: "32"
            case .sell: "31"
            case nil: nil
            }
        appendRow(
            time: String(decoding: time, as: UTF8.self), market: trade.header.market.symbol,
            side: trade.side?.rawValue ?? "?", price: trade.price.text, amount: trade.amount.text, id: trade.id,
            colorCode: colorCode, to: &out)
    }

    private func appendRow(
        time: String, market: String, side: String, price: String, amount: String, id: String, colorCode: String?,
        to out: inout [UInt8]
    ) {
        pad(time, TableRenderer.timeWidth, left: true, to: &out)
        out.append(contentsOf: Array("  ".utf8))
        pad(market, marketWidth, left: true, to: &out)
        out.append(contentsOf: Array("  ".utf8))
        if color, let colorCode { out.append(contentsOf: Array("\u{1B}[\(colorCode)m".utf8)) }
        pad(side, TableRenderer.sideWidth, left: true, to: &out)
        out.append(contentsOf: Array("  ".utf8))
        pad(price, TableRenderer.priceWidth, left: false, to: &out)
        if color, colorCode != nil { out.append(contentsOf: Array("\u{1B}[0m".utf8)) }
        out.append(contentsOf: Array("  ".utf8))
        pad(amount, TableRenderer.amountWidth, left: false, to: &out)
        out.append(contentsOf: Array("  ".utf8))
        out.append(contentsOf: id.utf8)
        out.append(0x0A)
    }

    private func pad(_ text: String, _ width: Int, left: Bool, to out: inout [UInt8]) {
        let fill = max(0, width - text.utf8.count)
        if !left { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: fill)) }
        out.append(contentsOf: text.utf8)
        if left { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: fill)) }
    }
}

/// Aligned columns for people: widths fixed before the first row so rows never jitter; buy/sell in colour on a terminal.
///
/// Each event type has its own columns; its header is printed before its first row.
public struct TableRenderer: EventRenderer {
    private let color: Bool
    private let marketWidth: Int
    private var columnsByKind: [EventKind: [TableColumn]] = [:]

    /// A table for events of `markets`; `color` adds ANSI colours to the side and price.
    public init(markets: [Market], color: Bool) {
        self.color = color
        self.marketWidth = max(6, markets.map(\.symbol.count).max() ?? 0)
    }

    public mutating func render(_ event: MarketEvent, into out: inout [UInt8]) {
        let kind = event.kind
        guard kind != .gap else { return }  // gaps are stderr lines in the table format
        let columns: [TableColumn]
        if let known = columnsByKind[kind] {
            columns = known
        } else {
            columns = TableColumn.columns(for: kind, marketWidth: marketWidth)
            columnsByKind[kind] = columns
            appendRow(columns.map(\.title), columns: columns, colorCode: nil, to: &out)
        }
        appendRow(columns.map { $0.value(event) }, columns: columns, colorCode: colorCode(for: event), to: &out)
    }

    private func colorCode(for event: MarketEvent) -> String? {
        guard color else { return nil }
        let side: Side? =
            switch event {
            case .trade(let trade): trade.side
            case .order(let order): order.side
            default: nil
            }
        switch side {
        case .buy: return "32"
        case .sell: return "31"
        case nil: return nil
        }
    }

    private func appendRow(_ cells: [String], columns: [TableColumn], colorCode: String?, to out: inout [UInt8]) {
        var line: [UInt8] = []
        var coloring = false
        for (index, column) in columns.enumerated() {
            if index > 0 { line.append(contentsOf: [0x20, 0x20]) }
            if column.colored, let colorCode, !coloring {
                line.append(contentsOf: "\u{1B}[\(colorCode)m".utf8)
                coloring = true
            } else if !column.colored && coloring {
                line.removeLast(2)
                line.append(contentsOf: "\u{1B}[0m  ".utf8)
                coloring = false
            }
            let text = cells[index]
            let fill = max(0, column.width - text.count)
            if column.alignRight { line.append(contentsOf: repeatElement(0x20, count: fill)) }
            line.append(contentsOf: text.utf8)
            if !column.alignRight && index < columns.count - 1 {
                line.append(contentsOf: repeatElement(0x20, count: fill))
            }
        }
        if coloring { line.append(contentsOf: "\u{1B}[0m".utf8) }
        while line.last == 0x20 { line.removeLast() }
        out.append(contentsOf: line)
        out.append(0x0A)
    }
}

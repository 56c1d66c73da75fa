/// RFC 4180 CSV: a header row before the first event, fields quoted only when they need it, CRLF-free `\n` rows.
public struct CSVRenderer: EventRenderer {
    private var headerWritten = false

    /// The columns of a trade row, in order.
    public static let tradeColumns = [
        "exchange", "market", "ts", "recv", "id", "price", "amount", "side", "buy_order_id", "sell_order_id",
    ]

    /// A renderer whose first event is preceded by the header.
    public init() {}

    public mutating func render(_ event: MarketEvent, into out: inout [UInt8]) {
        guard case .trade(let trade) = event else { return }  // other types reach stderr as notes, not CSV rows
        if !headerWritten {
            headerWritten = true
            appendRow(CSVRenderer.tradeColumns, to: &out)
        }
        let header = trade.header
        appendRow(
            [
                header.exchange.name, header.market.symbol, header.ts?.iso8601 ?? "", header.recv.iso8601, trade.id,
                trade.price.text, trade.amount.text, trade.side?.rawValue ?? "", trade.buyOrderID ?? "",
                trade.sellOrderID ?? "",
            ], to: &out)
    }

    private func appendRow(_ fields: [String], to out: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            CSVRenderer.appendField(field, to: &out)
        }
        out.append(0x0A)
    }

    /// Appends one field, quoted with doubled quotes when it holds a comma, quote, CR or LF (RFC 4180 §2.6–2.7).
    static func appendField(_ field: String, to out: inout [UInt8]) {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            out.append(contentsOf: field.utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// One JSON object per event with a fixed key order; prices and sizes are JSON numbers with the exchange's digits.
public struct JSONLinesRenderer: EventRenderer {
    /// A renderer for JSON lines.
    public init() {}

    public mutating func render(_ event: MarketEvent, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        JSONWriter.appendKey("type", to: &out)
        JSONWriter.appendString(event.typeName, to: &out)
        appendHeader(event.header, to: &out)
        switch event {
        case .trade(let trade): appendTrade(trade, to: &out)
        case .gap(let gap): appendGap(gap, to: &out)
        }
        out.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
    }

    private func appendHeader(_ header: EventHeader, to out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        JSONWriter.appendKey("exchange", to: &out)
        JSONWriter.appendString(header.exchange.name, to: &out)
        out.append(UInt8(ascii: ","))
        JSONWriter.appendKey("market", to: &out)
        JSONWriter.appendString(header.market.symbol, to: &out)
        out.append(UInt8(ascii: ","))
        JSONWriter.appendKey("ts", to: &out)
        appendTime(header.ts, to: &out)
        out.append(UInt8(ascii: ","))
        JSONWriter.appendKey("recv", to: &out)
        appendTime(header.recv, to: &out)
    }

    private func appendTime(_ time: Timestamp?, to out: inout [UInt8]) {
        guard let time else {
            out.append(contentsOf: Array("null".utf8))
            return
        }
        out.append(UInt8(ascii: "\""))
        time.appendISO8601(to: &out)
        out.append(UInt8(ascii: "\""))
    }

    private func appendTrade(_ trade: Trade, to out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        JSONWriter.appendKey("id", to: &out)
        JSONWriter.appendString(trade.id, to: &out)
        out.append(UInt8(ascii: ","))
        JSONWriter.appendKey("price", to: &out)
        JSONWriter.appendRaw(trade.price.text, to: &out)
        out.append(UInt8(ascii: ","))
        JSONWriter.appendKey("amount", to: &out)
        JSONWriter.appendRaw(trade.amount.text, to: &out)
        out.append(UInt8(ascii: ","))
        JSONWriter.appendKey("side", to: &out)
        if let side = trade.side {
            JSONWriter.appendString(side.rawValue, to: &out)
        } else {
            out.append(contentsOf: Array("null".utf8))
        }
        if let buy = trade.buyOrderID {
            out.append(UInt8(ascii: ","))
            JSONWriter.appendKey("buy_order_id", to: &out)
            JSONWriter.appendString(buy, to: &out)
        }
        if let sell = trade.sellOrderID {
            out.append(UInt8(ascii: ","))
            JSONWriter.appendKey("sell_order_id", to: &out)
            JSONWriter.appendString(sell, to: &out)
        }
    }

    private func appendGap(_ gap: Gap, to out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        JSONWriter.appendKey("reason", to: &out)
        JSONWriter.appendString(gap.reason.rawValue, to: &out)
        out.append(UInt8(ascii: ","))
        JSONWriter.appendKey("since", to: &out)
        appendTime(gap.since, to: &out)
    }
}

/// RFC 4180 CSV: a header row before the first event, fields quoted only when they need it, `\n` row ends.
///
/// One event type per file; book sides are flattened into `bids_1_price,bids_1_amount,...` columns.
public struct CSVRenderer: EventRenderer {
    private var kind: EventKind?
    private let levelColumns: Int

    /// A renderer whose book rows carry `levelColumns` levels per side (the `--depth`).
    public init(levelColumns: Int = 10) {
        self.levelColumns = levelColumns
    }

    public mutating func render(_ event: MarketEvent, into out: inout [UInt8]) {
        guard event.kind != .gap else { return }  // gaps are stderr lines in CSV (DESIGN.md §3 keeps files one-type)
        if kind == nil {
            kind = event.kind
            var header = HeaderWriter(out: [], levelColumns: levelColumns)
            event.visitFields(&header)
            out.append(contentsOf: header.out)
            out.append(0x0A)
        }
        guard event.kind == kind else { return }  // one type per file: the session never mixes them
        var row = RowWriter(out: [], levelColumns: levelColumns)
        event.visitFields(&row)
        out.append(contentsOf: row.out)
        out.append(0x0A)
    }

    /// Appends one field, quoted with doubled quotes when it holds a comma, quote, CR or LF (RFC 4180 §2.6–2.7).
    static func appendField(_ field: String, to out: inout [UInt8]) {
        let needsQuotes = field.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
        }
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

    /// Column names; `type` is left out because a file holds one type.
    private struct HeaderWriter: FieldVisitor {
        var out: [UInt8]
        let levelColumns: Int
        private var first = true

        init(out: [UInt8], levelColumns: Int) {
            self.out = out
            self.levelColumns = levelColumns
        }

        private mutating func name(_ text: String) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: text.utf8)
        }

        private mutating func name(_ key: StaticString) {
            guard key.description != "type" else { return }
            name(key.description)
        }

        mutating func string(_ key: StaticString, _ value: String?, omitIfNil: Bool) { name(key) }
        mutating func decimal(_ key: StaticString, _ value: DecimalString?) { name(key) }
        mutating func time(_ key: StaticString, _ value: Timestamp?) { name(key) }
        mutating func integer(_ key: StaticString, _ value: Int64?) { name(key) }
        mutating func bool(_ key: StaticString, _ value: Bool) { name(key) }
        mutating func levels(_ key: StaticString, _ value: [BookLevel]) {
            for index in 1...max(1, levelColumns) {
                name("\(key)_\(index)_price")
                name("\(key)_\(index)_amount")
            }
        }
        mutating func orders(_ key: StaticString, _ value: [L3Level]) {
            for index in 1...max(1, levelColumns) {
                name("\(key)_\(index)_price")
                name("\(key)_\(index)_amount")
                name("\(key)_\(index)_order_id")
            }
        }
    }

    /// One data row in header order; absent values are empty fields.
    private struct RowWriter: FieldVisitor {
        var out: [UInt8]
        let levelColumns: Int
        private var first = true
        private var skippedType = false

        init(out: [UInt8], levelColumns: Int) {
            self.out = out
            self.levelColumns = levelColumns
        }

        private mutating func separator() {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
        }

        private mutating func field(_ text: String?) {
            separator()
            if let text { CSVRenderer.appendField(text, to: &out) }
        }

        mutating func string(_ key: StaticString, _ value: String?, omitIfNil: Bool) {
            if !skippedType {
                skippedType = true  // the first field is `type`
                return
            }
            field(value)
        }
        mutating func decimal(_ key: StaticString, _ value: DecimalString?) { field(value?.text) }
        mutating func time(_ key: StaticString, _ value: Timestamp?) {
            separator()
            value?.appendISO8601(to: &out)
        }
        mutating func integer(_ key: StaticString, _ value: Int64?) { field(value.map { String($0) }) }
        mutating func bool(_ key: StaticString, _ value: Bool) { field(value ? "true" : "false") }
        mutating func levels(_ key: StaticString, _ value: [BookLevel]) {
            for index in 0..<max(1, levelColumns) {
                let level = index < value.count ? value[index] : nil
                field(level?.price.text)
                field(level?.amount.text)
            }
        }
        mutating func orders(_ key: StaticString, _ value: [L3Level]) {
            for index in 0..<max(1, levelColumns) {
                let level = index < value.count ? value[index] : nil
                field(level?.price.text)
                field(level?.amount.text)
                field(level?.orderID)
            }
        }
    }
}

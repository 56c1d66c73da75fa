/// RFC 4180 CSV: a header row before the first event, fields quoted only when they need it, `\n` row ends.
///
/// One event type per file; book sides are flattened into `bids_1_price,bids_1_amount,...` columns.
public struct CSVRenderer: EventRenderer {
    private var kind: EventKind?
    private let levelColumns: Int
    private let options: RenderOptions
    private var headerWritten: Bool
    /// The date-and-time text of recent seconds, for the default-order fast path.
    private var times = ISOTimeCache()
    /// Where a default-order row is built before it is appended in one copy; it grows when a row does not fit.
    private var scratch = LineScratch()

    /// A renderer whose book rows carry `levelColumns` levels per side (the `--depth`); `headerWritten` is true when
    /// appending to a file that already has its header.
    public init(levelColumns: Int = 10, options: RenderOptions = RenderOptions(), headerWritten: Bool = false) {
        self.levelColumns = levelColumns
        self.options = options
        self.headerWritten = headerWritten
    }

    public mutating func render(_ event: MarketEvent, into out: inout [UInt8]) {
        guard event.kind != .gap else { return }  // gaps are stderr lines in CSV (DESIGN.md §3 keeps files one-type)
        if kind == nil { kind = event.kind }
        guard event.kind == kind else { return }  // one type per file: the session never mixes them
        if !headerWritten {
            headerWritten = true
            var header = HeaderWriter(levelColumns: levelColumns)
            event.visitFields(&header)
            appendRow(header.cells, to: &out)
        }
        guard options.fields != nil else { return appendPlainRow(event, to: &out) }
        var row = RowWriter(levelColumns: levelColumns, time: options.time)
        event.visitFields(&row)
        appendRow(row.cells, to: &out)
    }

    /// The row of `event` in the default column order, built in `scratch` (the `--fields` path reorders cells).
    private mutating func appendPlainRow(_ event: MarketEvent, to out: inout [UInt8]) {
        var lines = LineScratch()
        swap(&lines, &scratch)  // work on it without holding `self` (the writer also needs `times`)
        defer { swap(&lines, &scratch) }
        lines.appendLine(to: &out) { line in
            var row = PlainRowWriter(line: line, levelColumns: levelColumns, time: options.time, times: times)
            event.visitFields(&row)
            row.finish()
            times = row.times
            line = row.line
        }
    }

    /// Joins the cells (in `--fields` order when given) with commas and ends the row.
    private func appendRow(_ cells: [(key: String, text: [UInt8])], to out: inout [UInt8]) {
        var first = true
        func append(_ text: [UInt8]) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: text)
        }
        if let fields = options.fields {
            for field in fields { for cell in cells where cell.key == field { append(cell.text) } }
        } else {
            for cell in cells { append(cell.text) }
        }
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

    /// Column names, each tagged with its field (`bids_1_price` belongs to `bids`); `type` is left out because a
    /// file holds one type.
    private struct HeaderWriter: FieldVisitor {
        let levelColumns: Int
        var cells: [(key: String, text: [UInt8])] = []

        init(levelColumns: Int) { self.levelColumns = levelColumns }

        private mutating func name(_ key: StaticString) {
            guard key.description != "type" else { return }
            cells.append((key.description, Array(key.description.utf8)))
        }

        mutating func string(_ key: StaticString, _ value: String?, omitIfNil: Bool) { name(key) }
        mutating func decimal(_ key: StaticString, _ value: DecimalString?) { name(key) }
        mutating func time(_ key: StaticString, _ value: Timestamp?) { name(key) }
        mutating func integer(_ key: StaticString, _ value: Int64?) { name(key) }
        mutating func bool(_ key: StaticString, _ value: Bool) { name(key) }
        mutating func levels(_ key: StaticString, _ value: [BookLevel]) {
            for index in 1...max(1, levelColumns) {
                for part in ["price", "amount"] {
                    cells.append((key.description, Array("\(key)_\(index)_\(part)".utf8)))
                }
            }
        }
        mutating func orders(_ key: StaticString, _ value: [L3Level]) {
            for index in 1...max(1, levelColumns) {
                for part in ["price", "amount", "order_id"] {
                    cells.append((key.description, Array("\(key)_\(index)_\(part)".utf8)))
                }
            }
        }
    }

    /// One data row's cells in header order; absent values are empty fields.
    private struct RowWriter: FieldVisitor {
        let levelColumns: Int
        let time: TimeFormat
        var cells: [(key: String, text: [UInt8])] = []
        private var skippedType = false

        init(levelColumns: Int, time: TimeFormat) {
            self.levelColumns = levelColumns
            self.time = time
        }

        private mutating func field(_ key: StaticString, _ text: String?) {
            var bytes: [UInt8] = []
            if let text { CSVRenderer.appendField(text, to: &bytes) }
            cells.append((key.description, bytes))
        }

        mutating func string(_ key: StaticString, _ value: String?, omitIfNil: Bool) {
            if !skippedType {
                skippedType = true  // the first field is `type`
                return
            }
            field(key, value)
        }
        mutating func decimal(_ key: StaticString, _ value: DecimalString?) { field(key, value?.text) }
        mutating func time(_ key: StaticString, _ value: Timestamp?) {
            var bytes: [UInt8] = []
            if let value {
                switch time {
                case .iso: value.appendISO8601(to: &bytes)
                case .ms: bytes.append(contentsOf: String(value.value(in: .milliseconds)).utf8)
                case .us: bytes.append(contentsOf: String(value.value(in: .microseconds)).utf8)
                case .ns: bytes.append(contentsOf: String(value.value(in: .nanoseconds)).utf8)
                }
            }
            cells.append((key.description, bytes))
        }
        mutating func integer(_ key: StaticString, _ value: Int64?) { field(key, value.map { String($0) }) }
        mutating func bool(_ key: StaticString, _ value: Bool) { field(key, value ? "true" : "false") }
        mutating func levels(_ key: StaticString, _ value: [BookLevel]) {
            for index in 0..<max(1, levelColumns) {
                let level = index < value.count ? value[index] : nil
                field(key, level?.price.text)
                field(key, level?.amount.text)
            }
        }
        mutating func orders(_ key: StaticString, _ value: [L3Level]) {
            for index in 0..<max(1, levelColumns) {
                let level = index < value.count ? value[index] : nil
                field(key, level?.price.text)
                field(key, level?.amount.text)
                field(key, level?.orderID)
            }
        }
    }
}

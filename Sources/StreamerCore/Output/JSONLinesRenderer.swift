/// One JSON object per event with a fixed key order; prices and sizes are JSON numbers with the exchange's digits.
public struct JSONLinesRenderer: EventRenderer {
    private let options: RenderOptions
    /// With `--fields`: the selected keys, and nothing captured yet (each line starts from a copy).
    private let selection: Selection?
    /// The date-and-time text of recent seconds, carried from line to line.
    private var times = ISOTimeCache()
    /// Where each line is built before it is appended in one copy; it grows when a line does not fit.
    private var scratch = LineScratch()

    /// A renderer for JSON lines with `options` (time format, decimals as strings, field selection).
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
        self.selection = options.fields.map { Selection(fields: $0, selected: Set($0)) }
    }

    public mutating func render(_ event: MarketEvent, into out: inout [UInt8]) {
        var lines = LineScratch()
        swap(&lines, &scratch)  // work on it without holding `self` (the writer also needs `times`)
        defer { swap(&lines, &scratch) }
        lines.appendLine(to: &out) { line in
            var writer = ObjectWriter(line: line, options: options, selection: selection, times: times)
            writer.write(event)
            times = writer.times
            line = writer.line
        }
    }

    /// What `--fields` needs while a line is written: the keys it selects, in order, and the pairs captured so far.
    private struct Selection {
        let fields: [String]
        let selected: Set<String>
        var captured: [String: [UInt8]] = [:]
        /// The selected key whose pair is being written, and where it starts in the line.
        var capturing: String?
        var mark = 0
    }

    /// Writes `"key":value` pairs separated by commas; with `--fields`, captures each selected pair instead so they
    /// can be written in the requested order.
    ///
    /// Only what every field reads is stored directly: the `--fields` state is one optional, so the usual line
    /// copies and destroys no collections.
    private struct ObjectWriter: FieldVisitor {
        var line: LineWriter
        let time: TimeFormat
        let decimals: DecimalStyle
        var selection: Selection?
        var times: ISOTimeCache
        private var first = true

        init(line: LineWriter, options: RenderOptions, selection: Selection?, times: ISOTimeCache) {
            self.line = line
            self.time = options.time
            self.decimals = options.decimals
            self.selection = selection
            self.times = times
        }

        /// The whole line for `event`, newline included.
        mutating func write(_ event: MarketEvent) {
            line.append(UInt8(ascii: "{"))
            event.visitFields(&self)
            if let selection {  // --fields: the captured pairs in the requested order
                var first = true
                for field in selection.fields {
                    guard let pair = selection.captured[field] else { continue }
                    if !first { line.append(UInt8(ascii: ",")) }
                    first = false
                    pair.withUnsafeBytes { line.append($0) }
                }
            }
            line.append(UInt8(ascii: "}"), 0x0A)
        }

        /// Starts a pair; false when `--fields` leaves this key out.
        @inline(__always)
        private mutating func begin(_ key: StaticString) -> Bool {
            guard selection == nil else { return beginSelected(key) }
            line.appendKey(key, comma: !first)
            first = false
            return true
        }

        /// Starts a pair under `--fields`: a selected key is written alone, to be captured by `end`.
        private mutating func beginSelected(_ key: StaticString) -> Bool {
            let name = key.description
            guard selection?.selected.contains(name) == true else { return false }
            selection?.capturing = name
            selection?.mark = line.count
            line.appendKey(key, comma: false)
            return true
        }

        /// Ends a pair: under `--fields` it moves out of the line into the captured pairs.
        @inline(__always)
        private mutating func end() {
            guard let name = selection?.capturing, let mark = selection?.mark else { return }
            selection?.captured[name] = line.bytes(from: mark)
            line.truncate(to: mark)
            selection?.capturing = nil
        }

        private mutating func decimalValue(_ value: DecimalString) {
            value.withUTF8 { digits in
                if decimals == .string {
                    line.appendJSONString(digits)
                } else {
                    line.append(digits)
                }
            }
        }

        private mutating func null() { line.append(contentsOf: "null") }

        mutating func string(_ key: StaticString, _ value: String?, omitIfNil: Bool) {
            if value == nil && omitIfNil { return }
            guard begin(key) else { return }
            defer { end() }
            if let value { line.appendJSONString(value) } else { null() }
        }

        mutating func literal(_ key: StaticString, _ value: StaticString?) {
            guard begin(key) else { return }
            defer { end() }
            if let value { value.withUTF8Buffer { line.appendJSONString(UnsafeRawBufferPointer($0)) } } else { null() }
        }

        mutating func identifier(_ key: StaticString, _ value: IDText?, omitIfNil: Bool) {
            if value == nil && omitIfNil { return }
            guard begin(key) else { return }
            defer { end() }
            if let value { value.withUTF8 { line.appendJSONString($0) } } else { null() }
        }

        mutating func decimal(_ key: StaticString, _ value: DecimalString?) {
            guard begin(key) else { return }
            defer { end() }
            if let value { decimalValue(value) } else { null() }
        }

        mutating func time(_ key: StaticString, _ value: Timestamp?) {
            guard begin(key) else { return }
            defer { end() }
            guard let value else { return null() }
            switch time {
            case .iso: times.append(value, quoted: true, to: &line)
            case .ms: line.append(value.value(in: .milliseconds))
            case .us: line.append(value.value(in: .microseconds))
            case .ns:
                line.append(UInt8(ascii: "\""))
                line.append(value.value(in: .nanoseconds))
                line.append(UInt8(ascii: "\""))
            }
        }

        mutating func integer(_ key: StaticString, _ value: Int64?) {
            guard begin(key) else { return }
            defer { end() }
            if let value { line.append(value) } else { null() }
        }

        mutating func bool(_ key: StaticString, _ value: Bool) {
            guard begin(key) else { return }
            defer { end() }
            line.append(contentsOf: value ? "true" : "false")
        }

        mutating func levels(_ key: StaticString, _ value: [BookLevel]) {
            guard begin(key) else { return }
            defer { end() }
            line.append(UInt8(ascii: "["))
            for (index, level) in value.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                line.append(UInt8(ascii: "["))
                decimalValue(level.price)
                line.append(UInt8(ascii: ","))
                decimalValue(level.amount)
                line.append(UInt8(ascii: "]"))
            }
            line.append(UInt8(ascii: "]"))
        }

        mutating func orders(_ key: StaticString, _ value: [L3Level]) {
            guard begin(key) else { return }
            defer { end() }
            line.append(UInt8(ascii: "["))
            for (index, level) in value.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                line.append(UInt8(ascii: "["))
                decimalValue(level.price)
                line.append(UInt8(ascii: ","))
                decimalValue(level.amount)
                line.append(UInt8(ascii: ","))
                line.appendJSONString(level.orderID)
                line.append(UInt8(ascii: "]"))
            }
            line.append(UInt8(ascii: "]"))
        }
    }
}

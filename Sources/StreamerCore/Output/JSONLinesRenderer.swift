/// One JSON object per event with a fixed key order; prices and sizes are JSON numbers with the exchange's digits.
public struct JSONLinesRenderer: EventRenderer {
    private let options: RenderOptions
    private let selected: Set<String>?
    /// The date-and-time text of recent seconds, carried from line to line.
    private var times = ISOTimeCache()
    /// Where each line is built before it is appended in one copy; it grows when a line does not fit.
    private var scratch: [UInt8] = []

    /// A renderer for JSON lines with `options` (time format, decimals as strings, field selection).
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
        self.selected = options.fields.map(Set.init)
    }

    public mutating func render(_ event: MarketEvent, into out: inout [UInt8]) {
        var buffer: [UInt8] = []
        swap(&buffer, &scratch)  // work on it without holding `self` (the writer also needs `times`)
        defer { swap(&buffer, &scratch) }
        if buffer.isEmpty { buffer = [UInt8](repeating: 0, count: 4096) }
        while true {
            let done = buffer.withUnsafeMutableBytes { raw in
                var writer = ObjectWriter(line: LineWriter(raw), options: options, selected: selected, times: times)
                writer.write(event)
                times = writer.times
                guard !writer.line.overflowed else { return false }
                out.append(contentsOf: writer.line.written)
                return true
            }
            if done { return }
            buffer = [UInt8](repeating: 0, count: buffer.count * 2)
        }
    }

    /// Writes `"key":value` pairs separated by commas; with `--fields`, captures each selected pair instead so they
    /// can be written in the requested order.
    private struct ObjectWriter: FieldVisitor {
        var line: LineWriter
        let options: RenderOptions
        let selected: Set<String>?
        var times: ISOTimeCache
        private var captured: [String: [UInt8]] = [:]
        private var first = true
        private var mark = 0
        private var capturing: String?

        init(line: LineWriter, options: RenderOptions, selected: Set<String>?, times: ISOTimeCache) {
            self.line = line
            self.options = options
            self.selected = selected
            self.times = times
        }

        /// The whole line for `event`, newline included.
        mutating func write(_ event: MarketEvent) {
            line.append(UInt8(ascii: "{"))
            event.visitFields(&self)
            if let fields = options.fields {  // --fields: the captured pairs in the requested order
                var first = true
                for field in fields {
                    guard let pair = captured[field] else { continue }
                    if !first { line.append(UInt8(ascii: ",")) }
                    first = false
                    pair.withUnsafeBytes { line.append($0) }
                }
            }
            line.append(UInt8(ascii: "}"), 0x0A)
        }

        /// Starts a pair; false when `--fields` leaves this key out.
        private mutating func begin(_ key: StaticString) -> Bool {
            if let selected {
                let name = key.description
                guard selected.contains(name) else { return false }
                capturing = name
                mark = line.count
                line.appendKey(key, comma: false)
            } else {
                line.appendKey(key, comma: !first)
            }
            first = false
            return true
        }

        /// Ends a pair: under `--fields` it moves out of the line into `captured`.
        private mutating func end() {
            guard let name = capturing else { return }
            captured[name] = line.bytes(from: mark)
            line.truncate(to: mark)
            capturing = nil
        }

        private mutating func decimalValue(_ value: DecimalString) {
            value.withUTF8 { digits in
                if options.decimals == .string {
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
            switch options.time {
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

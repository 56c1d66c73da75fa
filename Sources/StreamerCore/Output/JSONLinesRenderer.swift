/// One JSON object per event with a fixed key order; prices and sizes are JSON numbers with the exchange's digits.
public struct JSONLinesRenderer: EventRenderer {
    private let options: RenderOptions
    private let selected: Set<String>?

    /// A renderer for JSON lines with `options` (time format, decimals as strings, field selection).
    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
        self.selected = options.fields.map(Set.init)
    }

    public mutating func render(_ event: MarketEvent, into out: inout [UInt8]) {
        var writer = ObjectWriter(out: out, options: options, selected: selected)
        out = []  // hand the buffer to the writer without copying it
        writer.out.append(UInt8(ascii: "{"))
        event.visitFields(&writer)
        if let fields = options.fields {  // --fields: the captured pairs in the requested order
            var first = true
            for field in fields {
                guard let pair = writer.captured[field] else { continue }
                if !first { writer.out.append(UInt8(ascii: ",")) }
                first = false
                writer.out.append(contentsOf: pair)
            }
        }
        writer.out.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
        out = writer.out
    }

    /// Writes `"key":value` pairs separated by commas; with `--fields`, captures each selected pair instead so they
    /// can be written in the requested order.
    private struct ObjectWriter: FieldVisitor {
        var out: [UInt8]
        let options: RenderOptions
        let selected: Set<String>?
        var captured: [String: [UInt8]] = [:]
        private var first = true
        private var mark = 0
        private var capturing: String?

        init(out: [UInt8], options: RenderOptions, selected: Set<String>?) {
            self.out = out
            self.options = options
            self.selected = selected
        }

        /// Starts a pair; false when `--fields` leaves this key out.
        private mutating func begin(_ key: StaticString) -> Bool {
            if let selected {
                let name = key.description
                guard selected.contains(name) else { return false }
                capturing = name
                mark = out.count
            } else if !first {
                out.append(UInt8(ascii: ","))
            }
            first = false
            JSONWriter.appendKey(key, to: &out)
            return true
        }

        /// Ends a pair: under `--fields` it moves out of the line into `captured`.
        private mutating func end() {
            guard let name = capturing else { return }
            captured[name] = Array(out[mark...])
            out.removeSubrange(mark...)
            capturing = nil
        }

        private mutating func decimalValue(_ text: String) {
            if options.decimals == .string {
                JSONWriter.appendString(text, to: &out)
            } else {
                JSONWriter.appendRaw(text, to: &out)
            }
        }

        private mutating func null() { out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

        mutating func string(_ key: StaticString, _ value: String?, omitIfNil: Bool) {
            if value == nil && omitIfNil { return }
            guard begin(key) else { return }
            defer { end() }
            if let value { JSONWriter.appendString(value, to: &out) } else { null() }
        }

        mutating func decimal(_ key: StaticString, _ value: DecimalString?) {
            guard begin(key) else { return }
            defer { end() }
            if let value { decimalValue(value.text) } else { null() }
        }

        mutating func time(_ key: StaticString, _ value: Timestamp?) {
            guard begin(key) else { return }
            defer { end() }
            guard let value else { return null() }
            switch options.time {
            case .iso:
                out.append(UInt8(ascii: "\""))
                value.appendISO8601(to: &out)
                out.append(UInt8(ascii: "\""))
            case .ms: out.append(contentsOf: String(value.value(in: .milliseconds)).utf8)
            case .us: out.append(contentsOf: String(value.value(in: .microseconds)).utf8)
            case .ns: JSONWriter.appendString(String(value.value(in: .nanoseconds)), to: &out)
            }
        }

        mutating func integer(_ key: StaticString, _ value: Int64?) {
            guard begin(key) else { return }
            defer { end() }
            if let value { out.append(contentsOf: String(value).utf8) } else { null() }
        }

        mutating func bool(_ key: StaticString, _ value: Bool) {
            guard begin(key) else { return }
            defer { end() }
            out.append(contentsOf: (value ? "true" : "false").utf8)
        }

        mutating func levels(_ key: StaticString, _ value: [BookLevel]) {
            guard begin(key) else { return }
            defer { end() }
            out.append(UInt8(ascii: "["))
            for (index, level) in value.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                decimalValue(level.price.text)
                out.append(UInt8(ascii: ","))
                decimalValue(level.amount.text)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }

        mutating func orders(_ key: StaticString, _ value: [L3Level]) {
            guard begin(key) else { return }
            defer { end() }
            out.append(UInt8(ascii: "["))
            for (index, level) in value.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                decimalValue(level.price.text)
                out.append(UInt8(ascii: ","))
                decimalValue(level.amount.text)
                out.append(UInt8(ascii: ","))
                JSONWriter.appendString(level.orderID, to: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }
    }
}

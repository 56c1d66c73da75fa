/// One JSON object per event with a fixed key order; prices and sizes are JSON numbers with the exchange's digits.
public struct JSONLinesRenderer: EventRenderer {
    /// A renderer for JSON lines.
    public init() {}

    public mutating func render(_ event: MarketEvent, into out: inout [UInt8]) {
        var writer = ObjectWriter(out: out)
        out = []  // hand the buffer to the writer without copying it
        writer.out.append(UInt8(ascii: "{"))
        event.visitFields(&writer)
        writer.out.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
        out = writer.out
    }

    /// Writes `"key":value` pairs separated by commas.
    private struct ObjectWriter: FieldVisitor {
        var out: [UInt8]
        private var first = true

        init(out: [UInt8]) { self.out = out }

        private mutating func key(_ key: StaticString) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONWriter.appendKey(key, to: &out)
        }

        private mutating func null() { out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

        mutating func string(_ key: StaticString, _ value: String?, omitIfNil: Bool) {
            if value == nil && omitIfNil { return }
            self.key(key)
            if let value { JSONWriter.appendString(value, to: &out) } else { null() }
        }

        mutating func decimal(_ key: StaticString, _ value: DecimalString?) {
            self.key(key)
            if let value { JSONWriter.appendRaw(value.text, to: &out) } else { null() }
        }

        mutating func time(_ key: StaticString, _ value: Timestamp?) {
            self.key(key)
            guard let value else { return null() }
            out.append(UInt8(ascii: "\""))
            value.appendISO8601(to: &out)
            out.append(UInt8(ascii: "\""))
        }

        mutating func integer(_ key: StaticString, _ value: Int64?) {
            self.key(key)
            if let value { out.append(contentsOf: String(value).utf8) } else { null() }
        }

        mutating func bool(_ key: StaticString, _ value: Bool) {
            self.key(key)
            out.append(contentsOf: (value ? "true" : "false").utf8)
        }

        mutating func levels(_ key: StaticString, _ value: [BookLevel]) {
            self.key(key)
            out.append(UInt8(ascii: "["))
            for (index, level) in value.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                JSONWriter.appendRaw(level.price.text, to: &out)
                out.append(UInt8(ascii: ","))
                JSONWriter.appendRaw(level.amount.text, to: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }

        mutating func orders(_ key: StaticString, _ value: [L3Level]) {
            self.key(key)
            out.append(UInt8(ascii: "["))
            for (index, level) in value.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                JSONWriter.appendRaw(level.price.text, to: &out)
                out.append(UInt8(ascii: ","))
                JSONWriter.appendRaw(level.amount.text, to: &out)
                out.append(UInt8(ascii: ","))
                JSONWriter.appendString(level.orderID, to: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }
    }
}

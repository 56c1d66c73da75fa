extension CSVRenderer {
    /// A data row in the default column order (no `--fields`), written straight into a line buffer: the same cells
    /// as `RowWriter`, without building a cell array per row.
    struct PlainRowWriter: FieldVisitor {
        var line: LineWriter
        let levelColumns: Int
        let time: TimeFormat
        var times: ISOTimeCache
        private var skippedType = false
        private var first = true

        init(line: LineWriter, levelColumns: Int, time: TimeFormat, times: ISOTimeCache) {
            self.line = line
            self.levelColumns = levelColumns
            self.time = time
            self.times = times
        }

        /// Starts a cell: a comma before every cell but the first.
        private mutating func separate() {
            if !first { line.append(UInt8(ascii: ",")) }
            first = false
        }

        /// One cell holding `text` (empty when nil), quoted when it must be (RFC 4180 §2.6–2.7).
        private mutating func field(_ text: String?) {
            separate()
            guard let text else { return }
            let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendField(UnsafeRawBufferPointer($0)) }
            if done == nil { Array(text.utf8).withUnsafeBytes { appendField($0) } }
        }

        /// One cell holding `value`'s digits (empty when nil).
        private mutating func field(_ value: DecimalString?) {
            separate()
            value?.withUTF8 { appendField($0) }
        }

        private mutating func appendField(_ bytes: UnsafeRawBufferPointer) {
            let needsQuotes = bytes.contains {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
            }
            guard needsQuotes else { return line.append(bytes) }
            line.append(UInt8(ascii: "\""))
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { line.append(byte) }
                line.append(byte)
            }
            line.append(UInt8(ascii: "\""))
        }

        /// Ends the row.
        mutating func finish() { line.append(UInt8(0x0A)) }

        mutating func string(_ key: StaticString, _ value: String?, omitIfNil: Bool) {
            if !skippedType {
                skippedType = true  // the first field is `type`
                return
            }
            field(value)
        }
        mutating func literal(_ key: StaticString, _ value: StaticString?) {
            if !skippedType {
                skippedType = true  // the first field is `type`
                return
            }
            separate()
            value?.withUTF8Buffer { appendField(UnsafeRawBufferPointer($0)) }
        }
        mutating func identifier(_ key: StaticString, _ value: IDText?, omitIfNil: Bool) {
            separate()
            value?.withUTF8 { appendField($0) }
        }
        mutating func decimal(_ key: StaticString, _ value: DecimalString?) { field(value) }
        mutating func time(_ key: StaticString, _ value: Timestamp?) {
            separate()
            guard let value else { return }
            switch time {
            case .iso: times.append(value, quoted: false, to: &line)
            case .ms: line.append(value.value(in: .milliseconds))
            case .us: line.append(value.value(in: .microseconds))
            case .ns: line.append(value.value(in: .nanoseconds))
            }
        }
        mutating func integer(_ key: StaticString, _ value: Int64?) {
            separate()
            if let value { line.append(value) }
        }
        mutating func bool(_ key: StaticString, _ value: Bool) { field(value ? "true" : "false") }
        mutating func levels(_ key: StaticString, _ value: [BookLevel]) {
            for index in 0..<max(1, levelColumns) {
                let level = index < value.count ? value[index] : nil
                field(level?.price)
                field(level?.amount)
            }
        }
        mutating func orders(_ key: StaticString, _ value: [L3Level]) {
            for index in 0..<max(1, levelColumns) {
                let level = index < value.count ? value[index] : nil
                field(level?.price)
                field(level?.amount)
                field(level?.orderID)
            }
        }
    }
}

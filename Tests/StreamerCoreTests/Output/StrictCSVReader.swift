/// A strict RFC 4180 reader for checking what `CSVRenderer` writes: it accepts only well-formed files and says why
/// it rejects the rest, where a lenient reader would guess.
///
/// Grammar (RFC 4180 §2, with the renderer's `\n` row ends; `\r\n` is accepted too):
/// `file = header *(record) ; record = field *("," field) EOL ; field = escaped / non-escaped`,
/// where a non-escaped field holds no `"`, `,`, CR or LF (§2.5), an escaped field is `"` ... `"` with inner quotes
/// doubled (§2.7), and every record has the header's number of fields (§2.4). Every record ends with a line end.
enum StrictCSVReader {
    /// Why a file is not strict RFC 4180.
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// A `"` inside a field that did not start with one (§2.5).
        case bareQuote(record: Int, field: Int)
        /// A quoted field still open at the end of the input (§2.7).
        case unterminatedQuote(record: Int, field: Int)
        /// Something other than `,` or a line end right after a closing quote.
        case textAfterClosingQuote(record: Int, field: Int)
        /// A carriage return that is not part of a `\r\n` line end, outside quotes.
        case bareCarriageReturn(record: Int, field: Int)
        /// A record whose field count differs from the header's (§2.4).
        case fieldCount(record: Int, expected: Int, found: Int)
        /// The last record has no line end.
        case missingFinalLineEnd
        /// No header at all.
        case empty
        /// The same column name twice in the header.
        case duplicateColumn(String)
        /// A field that is not UTF-8.
        case invalidUTF8(record: Int, field: Int)

        var description: String {
            switch self {
            case .bareQuote(let record, let field): "record \(record) field \(field): bare quote in an unquoted field"
            case .unterminatedQuote(let record, let field): "record \(record) field \(field): unterminated quote"
            case .textAfterClosingQuote(let record, let field):
                "record \(record) field \(field): text after the closing quote"
            case .bareCarriageReturn(let record, let field): "record \(record) field \(field): bare CR"
            case .fieldCount(let record, let expected, let found):
                "record \(record): \(found) fields, the header has \(expected)"
            case .missingFinalLineEnd: "the last record has no line end"
            case .empty: "no header"
            case .duplicateColumn(let name): "column \(name) appears twice"
            case .invalidUTF8(let record, let field): "record \(record) field \(field): not UTF-8"
            }
        }
    }

    /// A parsed file: the header and the records (record 0 is the header).
    struct Table: Equatable {
        /// The column names.
        let header: [String]
        /// The data rows, each with `header.count` fields.
        let rows: [[String]]

        /// Row `index` as column name → field.
        func row(_ index: Int) -> [String: String] {
            Dictionary(uniqueKeysWithValues: zip(header, rows[index]))
        }
    }

    /// Parses `bytes` strictly, or throws the first `Failure`.
    static func read(_ bytes: [UInt8]) throws(Failure) -> Table {
        let records = try records(bytes)
        guard let header = records.first else { throw .empty }
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted { throw .duplicateColumn(name) }
        for (index, record) in records.enumerated() where record.count != header.count {
            throw .fieldCount(record: index, expected: header.count, found: record.count)
        }
        return Table(header: header, rows: Array(records.dropFirst()))
    }

    /// Parses `text` strictly.
    static func read(_ text: String) throws(Failure) -> Table { try read(Array(text.utf8)) }

    /// Splits `bytes` into records of fields, checking the quoting of each field.
    private static func records(_ bytes: [UInt8]) throws(Failure) -> [[String]] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var records: [[String]] = []
        var record: [String] = []
        var index = 0
        guard !bytes.isEmpty else { return [] }
        while true {
            let position = (record: records.count, field: record.count)
            var field: [UInt8] = []
            if index < bytes.count && bytes[index] == quote {
                index += 1
                while true {
                    guard index < bytes.count else {
                        throw .unterminatedQuote(record: position.record, field: position.field)
                    }
                    let byte = bytes[index]
                    index += 1
                    if byte != quote {
                        field.append(byte)
                    } else if index < bytes.count && bytes[index] == quote {
                        field.append(quote)  // "" is one quote (§2.7)
                        index += 1
                    } else {
                        break
                    }
                }
            } else {
                while index < bytes.count, bytes[index] != comma, bytes[index] != lf {
                    if bytes[index] == quote { throw .bareQuote(record: position.record, field: position.field) }
                    if bytes[index] == cr {
                        guard index + 1 < bytes.count, bytes[index + 1] == lf else {
                            throw .bareCarriageReturn(record: position.record, field: position.field)
                        }
                        break
                    }
                    field.append(bytes[index])
                    index += 1
                }
            }
            guard let text = String(validating: field, as: UTF8.self) else {
                throw .invalidUTF8(record: position.record, field: position.field)
            }
            record.append(text)
            // After a field: a comma, a line end, or (only for a file without a final line end) nothing.
            guard index < bytes.count else { throw .missingFinalLineEnd }
            if bytes[index] == comma {
                index += 1
                continue
            }
            if bytes[index] == cr && index + 1 < bytes.count && bytes[index + 1] == lf { index += 1 }
            guard bytes[index] == lf else {
                throw .textAfterClosingQuote(record: position.record, field: position.field)
            }
            index += 1
            records.append(record)
            record = []
            if index == bytes.count { return records }
        }
    }
}

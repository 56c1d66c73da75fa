import Foundation
import Testing

@testable import StreamerCore

/// The top-level `"key":value` pairs of one rendered JSON line, in order, each value as its raw text: key order and
/// exact decimal digits are read here, since a parsed dictionary has no order and a Double rounds.
private func rawPairs(_ line: String) throws -> [(key: String, raw: String)] {
    let bytes = Array(line.utf8)
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
    try #require(bytes.count >= 3 && bytes[0] == UInt8(ascii: "{") && bytes.last == 0x0A, "not one line: \(line)")
    try #require(bytes[bytes.count - 2] == UInt8(ascii: "}"), "no closing brace: \(line)")
    /// The index just past the string that opens at `start`.
    func endOfString(_ start: Int) throws -> Int {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
            } else if bytes[index] == quote {
                return index + 1
            } else {
                index += 1
            }
        }
        throw ParseBackError.malformed(line)
    }
    var pairs: [(key: String, raw: String)] = []
    var index = 1
    if bytes[index] == UInt8(ascii: "}") { return pairs }
    while true {
        try #require(bytes[index] == quote, "expected a key at \(index): \(line)")
        let keyEnd = try endOfString(index)
        let key = String(decoding: bytes[(index + 1)..<(keyEnd - 1)], as: UTF8.self)
        try #require(keyEnd < bytes.count && bytes[keyEnd] == UInt8(ascii: ":"), "no colon after \(key)")
        index = keyEnd + 1
        let valueStart = index
        var depth = 0
        scan: while index < bytes.count {
            switch bytes[index] {
            case quote:
                index = try endOfString(index)
                continue scan
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if depth == 0 { break scan }
                depth -= 1
            case comma where depth == 0: break scan
            default: break
            }
            index += 1
        }
        try #require(index < bytes.count, "value of \(key) runs off the line")
        pairs.append((key, String(decoding: bytes[valueStart..<index], as: UTF8.self)))
        if bytes[index] == comma {
            index += 1
            continue
        }
        try #require(index == bytes.count - 2, "text after the object: \(line)")
        return pairs
    }
}

/// A rendered line that the raw scanner cannot follow.
private enum ParseBackError: Error { case malformed(String) }

/// `line` parsed by Foundation as one JSON object (fragments not allowed).
private func object(_ line: String) throws -> [String: Any] {
    let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [])
    return try #require(parsed as? [String: Any], "not an object: \(line)")
}

/// `time` as DESIGN.md §3 prints it, computed with Foundation's calendar rather than `Timestamp`'s own code.
private func expectedTimeText(_ time: Timestamp, _ format: TimeFormat) throws -> String {
    var per: Int64 = 1
    for _ in 0..<time.resolution.rawValue { per *= 10 }
    let nanoseconds = time.value * (1_000_000_000 / per)
    switch format {
    case .ms: return String(floorDivide(nanoseconds, 1_000_000))
    case .us: return String(floorDivide(nanoseconds, 1_000))
    case .ns: return String(nanoseconds)
    case .iso:
        let seconds = floorDivide(time.value, per)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(secondsFromGMT: 0))
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func padded(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? -1)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = "\(padded(parts.year, 4))-\(padded(parts.month, 2))-\(padded(parts.day, 2))"
        text += "T\(padded(parts.hour, 2)):\(padded(parts.minute, 2)):\(padded(parts.second, 2))"
        if per > 1 { text += "." + padded(Int(time.value - seconds * per), time.resolution.rawValue) }
        return text + "Z"
    }
}

private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
}

/// A decimal as JSON writes it: the exact digits, quoted under `--decimals string`.
private func decimalJSON(_ value: DecimalString, _ style: DecimalStyle) -> String {
    style == .string ? "\"\(value.text)\"" : value.text
}

/// Checks one parsed JSON value against its expected field, raw text and Foundation type both.
private func checkJSON(
    _ field: ExpectedField, raw: String, parsed: Any?, options: RenderOptions, in line: String
) throws {
    let name = field.name
    let context = Comment(rawValue: "\(name) in \(line)")
    if field.value.isNil {
        #expect(raw == "null", context)
        #expect(parsed is NSNull, context)
        return
    }
    switch field.value {
    case .text(let value):
        #expect(raw.hasPrefix("\""), context)
        #expect(parsed as? String == value, context)
    case .decimal(let value):
        let value = try #require(value)
        #expect(raw == decimalJSON(value, options.decimals), context)
        if options.decimals == .string {
            #expect(parsed as? String == value.text, context)
        } else {
            #expect(parsed is NSNumber && !(parsed is String), "\(name) is not a JSON number in \(line)")
        }
    case .time(let value):
        let text = try expectedTimeText(try #require(value), options.time)
        switch options.time {
        case .iso, .ns: #expect(parsed as? String == text, context)  // ns passes 2^53: a string
        case .ms, .us:
            #expect(raw == text, context)
            #expect((parsed as? NSNumber)?.int64Value == Int64(text), context)
        }
    case .integer(let value):
        #expect(raw == value.map { String($0) }, context)
        #expect((parsed as? NSNumber)?.int64Value == value, context)
    case .bool(let value):
        #expect(raw == (value ? "true" : "false"), context)
    case .levels(let levels):
        let pairs = levels.map {
            "[\(decimalJSON($0.price, options.decimals)),\(decimalJSON($0.amount, options.decimals))]"
        }
        #expect(raw == "[" + pairs.joined(separator: ",") + "]", context)
        let rows = try #require(parsed as? [[Any]], context)
        #expect(rows.count == levels.count && rows.allSatisfy { $0.count == 2 }, context)
        try checkDecimalTypes(rows.flatMap { $0 }, options: options, context)
    case .orders(let orders):
        let triples = orders.map {
            "[\(decimalJSON($0.price, options.decimals)),\(decimalJSON($0.amount, options.decimals)),\"\($0.orderID)\"]"
        }
        #expect(raw == "[" + triples.joined(separator: ",") + "]", context)
        let rows = try #require(parsed as? [[Any]], context)
        #expect(rows.map { $0.count } == orders.map { _ in 3 }, context)
        #expect(rows.map { $0.last as? String } == orders.map(\.orderID), "order ids are strings: \(line)")
        try checkDecimalTypes(rows.flatMap { $0.prefix(2) }, options: options, context)
    }
}

/// Prices and sizes inside book levels are JSON numbers by default and strings under `--decimals string`.
private func checkDecimalTypes(_ values: [Any], options: RenderOptions, _ context: Comment) throws {
    for value in values {
        if options.decimals == .string {
            #expect(value is String, context)
        } else {
            #expect(value is NSNumber && !(value is String), context)
        }
    }
}

/// Renders `event` as one JSON line and checks every field against the sample: key order, raw text and type.
private func checkJSONRoundTrip(_ event: MarketEvent, options: RenderOptions) throws {
    var renderer = JSONLinesRenderer(options: options)
    let line = renderer.text(for: event)
    let pairs = try rawPairs(line)
    let fields = try object(line)
    let expected = ExpectedField.all(of: event).filter { !($0.omittedWhenNil && $0.value.isNil) }
    let omitted = Set(ExpectedField.all(of: event).filter { $0.omittedWhenNil && $0.value.isNil }.map(\.name))
    #expect(pairs.map(\.key) == FieldNames.of(event.kind).filter { !omitted.contains($0) }, "key order: \(line)")
    #expect(pairs.map(\.key) == expected.map(\.name), "keys: \(line)")
    #expect(fields.count == pairs.count, "duplicate keys: \(line)")
    for (field, pair) in zip(expected, pairs) where field.name == pair.key {
        try checkJSON(field, raw: pair.raw, parsed: fields[field.name], options: options, in: line)
    }
}

/// The CSV column names and cells for `event` with `levelColumns` levels per side, from the expected fields.
private func expectedCSV(
    _ event: MarketEvent, levelColumns: Int, time: TimeFormat
) throws -> (header: [String], cells: [String]) {
    var header: [String] = [], cells: [String] = []
    for field in ExpectedField.all(of: event) where field.name != "type" {
        switch field.value {
        case .text(let value): cells.append(value ?? "")
        case .decimal(let value): cells.append(value?.text ?? "")
        case .time(let value): cells.append(try value.map { try expectedTimeText($0, time) } ?? "")
        case .integer(let value): cells.append(value.map { String($0) } ?? "")
        case .bool(let value): cells.append(value ? "true" : "false")
        case .levels(let levels):
            for index in 0..<levelColumns {
                header += ["\(field.name)_\(index + 1)_price", "\(field.name)_\(index + 1)_amount"]
                let level = index < levels.count ? levels[index] : nil
                cells += [level?.price.text ?? "", level?.amount.text ?? ""]
            }
            continue
        case .orders(let orders):
            for index in 0..<levelColumns {
                let prefix = "\(field.name)_\(index + 1)_"
                header += [prefix + "price", prefix + "amount", prefix + "order_id"]
                let order = index < orders.count ? orders[index] : nil
                cells += [order?.price.text ?? "", order?.amount.text ?? "", order?.orderID ?? ""]
            }
            continue
        }
        header.append(field.name)
    }
    return (header, cells)
}

/// Every printed event type except gaps, which CSV leaves to stderr.
private let csvKinds = EventKind.allCases.filter { $0 != .gap }

/// An event whose text fields hold a comma, a quote, a line feed, a CR, a tab, a backslash and a control byte.
private func awkwardMarket() throws -> MarketEvent {
    guard case .market(var info) = try EverySampleEvent.event(.market) else { throw ParseBackError.malformed("") }
    info.symbol = "btc,\"usd\""
    info.description = "Bitcoin, the \"original\"\nsecond line\r\n\ttab \\ back\u{01}slash, café"
    return .market(info)
}

/// JSON lines and CSV parsed back by independent readers and compared with every field of the samples.
@Suite struct ParseBackTests {
    @Test(
        arguments: EventKind.allCases,
        [
            RenderOptions(), RenderOptions(time: .ns, decimals: .string), RenderOptions(time: .ms),
            RenderOptions(time: .us, decimals: .string),
        ])
    func jsonLineParsesBackToTheSample(kind: EventKind, options: RenderOptions) throws {
        try checkJSONRoundTrip(try EverySampleEvent.event(kind), options: options)
    }

    @Test func expectedFieldsNameTheSameColumnsAsFieldNames() throws {
        for kind in EventKind.allCases {
            #expect(
                ExpectedField.all(of: try EverySampleEvent.event(kind)).map(\.name) == FieldNames.of(kind), "\(kind)")
        }
    }

    @Test func everySampleThroughOneRendererPrintsOneObjectPerLine() throws {
        var renderer = JSONLinesRenderer()
        let events = try EventKind.allCases.map(EverySampleEvent.event)
        let text = String(decoding: SampleEvents.render(events, with: &renderer), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count == events.count + 1 && lines.last == "")
        for (line, event) in zip(lines, events) {
            #expect(try object(line + "\n")["type"] as? String == event.kind.rawValue)
        }
    }

    @Test func jsonKeepsTextWithQuotesLineEndsAndControlBytes() throws {
        let event = try awkwardMarket()
        try checkJSONRoundTrip(event, options: RenderOptions())
        var renderer = JSONLinesRenderer()
        let line = renderer.text(for: event)
        #expect(line.dropLast().allSatisfy { $0 != "\n" && $0 != "\r" && $0 != "\t" })
        #expect(line.contains(#"\u0001"#))
    }

    @Test(arguments: csvKinds, [1, 2, 3])
    func csvRowParsesBackToTheSample(kind: EventKind, levelColumns: Int) throws {
        let event = try EverySampleEvent.event(kind)
        var renderer = CSVRenderer(levelColumns: levelColumns)
        let table = try StrictCSVReader.read(SampleEvents.render([event], with: &renderer))
        let expected = try expectedCSV(event, levelColumns: levelColumns, time: .iso)
        #expect(table.header == expected.header)
        #expect(table.rows == [expected.cells])
    }

    @Test(arguments: csvKinds, [TimeFormat.ms, .us, .ns])
    func csvTimesParseBackInEveryFormat(kind: EventKind, time: TimeFormat) throws {
        let event = try EverySampleEvent.event(kind)
        var renderer = CSVRenderer(levelColumns: 2, options: RenderOptions(time: time))
        let table = try StrictCSVReader.read(SampleEvents.render([event], with: &renderer))
        #expect(table.rows == [try expectedCSV(event, levelColumns: 2, time: time).cells])
    }

    @Test func csvHeaderIsTheJSONKeysWithoutType() throws {
        for kind in csvKinds where kind != .book && kind != .bookL3 {
            var renderer = CSVRenderer(levelColumns: 2)
            let table = try StrictCSVReader.read(
                SampleEvents.render([try EverySampleEvent.event(kind)], with: &renderer))
            #expect(table.header == Array(FieldNames.of(kind).dropFirst()), "\(kind)")
        }
    }

    @Test func csvKeepsAFieldWithACommaAQuoteAndALineEnd() throws {
        let plain = try EverySampleEvent.event(.market)
        let awkward = try awkwardMarket()
        var renderer = CSVRenderer()
        let table = try StrictCSVReader.read(SampleEvents.render([plain, awkward, plain], with: &renderer))
        try #require(table.rows.count == 3)
        #expect(table.rows[1] == (try expectedCSV(awkward, levelColumns: 1, time: .iso).cells))
        #expect(
            table.row(1)["description"] == "Bitcoin, the \"original\"\nsecond line\r\n\ttab \\ back\u{01}slash, café")
        #expect(table.row(1)["symbol"] == "btc,\"usd\"")
        #expect(table.rows[0] == table.rows[2])
    }

    @Test func csvOfManyRowsHasOneHeaderAndEveryRow() throws {
        guard case .trade(let trade) = try EverySampleEvent.event(.trade) else { return }
        var trades = [trade, trade, trade]
        trades[1].id = "1,\"2\"\n3"
        trades[1].buyOrderID = "1960000000012358"
        trades[2].side = nil
        trades[2].header.ts = nil
        var renderer = CSVRenderer()
        let table = try StrictCSVReader.read(SampleEvents.render(trades.map(MarketEvent.trade), with: &renderer))
        #expect(table.rows == (try trades.map { try expectedCSV(.trade($0), levelColumns: 1, time: .iso).cells }))
    }
}

extension ParseBackTests {
    /// The strict reader itself: it must refuse what a lenient reader would guess at.
    @Suite struct StrictReader {
        @Test func readsQuotedFieldsEmptyFieldsAndCRLF() throws {
            let table = try StrictCSVReader.read("a,b,c\n1,,\"x,\"\"y\"\"\nz\"\r\n\"\",2,3\n")
            #expect(table.header == ["a", "b", "c"])
            #expect(table.rows == [["1", "", "x,\"y\"\nz"], ["", "2", "3"]])
        }

        @Test(arguments: [
            ("a,b\n1,x\"y\n", StrictCSVReader.Failure.bareQuote(record: 1, field: 1)),
            ("a,b\n1,\"xy\n", .unterminatedQuote(record: 1, field: 1)),
            ("a,b\n\"1\"x,2\n", .textAfterClosingQuote(record: 1, field: 0)),
            ("a,b\n1,2,3\n", .fieldCount(record: 1, expected: 2, found: 3)),
            ("a,b\n1\n", .fieldCount(record: 1, expected: 2, found: 1)),
            ("a,b\n1,2", .missingFinalLineEnd),
            ("a,b\n1\r,2\n", .bareCarriageReturn(record: 1, field: 0)),
            ("a,a\n1,2\n", .duplicateColumn("a")),
            ("", .empty),
        ])
        func rejects(text: String, failure: StrictCSVReader.Failure) {
            #expect(throws: failure) { try StrictCSVReader.read(text) }
        }
    }
}

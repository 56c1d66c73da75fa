// libFuzzer target `json`: `JSONScanner.document` over arbitrary bytes, then every member and element of the
// result, with `text`, `int64`, `decimal`, `identifier` and `isString` on every token. Built by scripts/fuzz.sh.
//
// The input buffer is handed to the scanner as it is (libFuzzer allocates exactly `size` bytes), so a read past
// the end is an AddressSanitizer report. Oracles: an independent reference parser (below) decides validity and
// the tree, which the scanner's token ranges and iterators must match; `int64` must agree with `Int64(String)`,
// `decimal` with the `-?(0|[1-9][0-9]*)(\.[0-9]+)?` grammar, an escaped string's `text` with a reference
// unescaper, and `JSONWriter.appendString` of every decoded string must scan back to the same text.

@testable import StreamerCore

/// One value as the reference parser sees it; ranges follow `JSONToken` (strings without their quotes).
private struct Node {
    var kind: JSONToken.Kind
    var start: Int
    var end: Int
    var hasEscapes = false
    var members: [(key: Node, value: Node)] = []
    var elements: [Node] = []
}

/// A deliberately plain recursive-descent RFC 8259 parser with the scanner's nesting limit of 64 containers.
private struct Reference {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func whitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    mutating func document() -> Node? {
        guard let node = value(containers: 0) else { return nil }
        whitespace()
        return index == bytes.count ? node : nil
    }

    mutating func value(containers: Int) -> Node? {
        whitespace()
        guard let byte = current else { return nil }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard containers < 64 else { return nil }
            let isObject = byte == UInt8(ascii: "{")
            var node = Node(kind: isObject ? .object : .array, start: index, end: 0)
            index += 1
            whitespace()
            if current == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                index += 1
                node.end = index
                return node
            }
            while true {
                if isObject {
                    whitespace()
                    guard let key = string() else { return nil }
                    whitespace()
                    guard current == UInt8(ascii: ":") else { return nil }
                    index += 1
                    guard let item = value(containers: containers + 1) else { return nil }
                    node.members.append((key, item))
                } else {
                    guard let item = value(containers: containers + 1) else { return nil }
                    node.elements.append(item)
                }
                whitespace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard current == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return nil }
                index += 1
                node.end = index
                return node
            }
        case UInt8(ascii: "\""):
            return string()
        case UInt8(ascii: "t"): return word("true", .bool)
        case UInt8(ascii: "f"): return word("false", .bool)
        case UInt8(ascii: "n"): return word("null", .null)
        default: return number()
        }
    }

    mutating func word(_ text: String, _ kind: JSONToken.Kind) -> Node? {
        let start = index
        for expected in text.utf8 {
            guard current == expected else { return nil }
            index += 1
        }
        return Node(kind: kind, start: start, end: index)
    }

    mutating func string() -> Node? {
        guard current == UInt8(ascii: "\"") else { return nil }
        index += 1
        var node = Node(kind: .string, start: index, end: 0)
        while let byte = current {
            index += 1
            if byte == UInt8(ascii: "\"") {
                node.end = index - 1
                return node
            }
            if byte < 0x20 { return nil }
            if byte == UInt8(ascii: "\\") {
                node.hasEscapes = true
                guard let escape = current else { return nil }
                index += 1
                if Array(#""\/bfnrt"#.utf8).contains(escape) { continue }
                guard escape == UInt8(ascii: "u") else { return nil }
                for _ in 0..<4 {
                    guard let hex = current, Array("0123456789abcdefABCDEF".utf8).contains(hex) else { return nil }
                    index += 1
                }
            }
        }
        return nil
    }

    mutating func number() -> Node? {
        let start = index
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        if current == UInt8(ascii: "-") { index += 1 }
        guard isDigit(current) else { return nil }
        if current == UInt8(ascii: "0") {
            index += 1
        } else {
            while isDigit(current) { index += 1 }
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard isDigit(current) else { return nil }
            while isDigit(current) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard isDigit(current) else { return nil }
            while isDigit(current) { index += 1 }
        }
        return Node(kind: .number, start: start, end: index)
    }
}

/// The value of string contents `raw` (already valid): escapes resolved, surrogate pairs joined, lone surrogates
/// replaced by U+FFFD, raw runs decoded as UTF-8 with replacement.
private func referenceUnescape(_ raw: [UInt8]) -> String {
    var result = ""
    var run: [UInt8] = []
    var pendingHigh: UInt32?
    func flushHigh() {
        if pendingHigh != nil { result.unicodeScalars.append("\u{FFFD}") }
        pendingHigh = nil
    }
    func hex(_ digits: ArraySlice<UInt8>) -> UInt32 {
        UInt32(String(decoding: digits, as: UTF8.self), radix: 16) ?? 0
    }
    var index = 0
    while index < raw.count {
        guard raw[index] == UInt8(ascii: "\\") else {
            flushHigh()
            run.append(raw[index])
            index += 1
            continue
        }
        result += String(decoding: run, as: UTF8.self)
        run = []
        let escape = raw[index + 1]
        index += 2
        guard escape == UInt8(ascii: "u") else {
            flushHigh()
            let table: [UInt8: UInt8] = [0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]
            result.unicodeScalars.append(Unicode.Scalar(table[escape] ?? escape))
            continue
        }
        let value = hex(raw[index..<(index + 4)])
        index += 4
        switch value {
        case 0xD800..<0xDC00:
            flushHigh()
            pendingHigh = value
        case 0xDC00..<0xE000:
            if let high = pendingHigh {
                pendingHigh = nil
                let combined = 0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00)
                result.unicodeScalars.append(Unicode.Scalar(combined) ?? "\u{FFFD}")
            } else {
                result.unicodeScalars.append("\u{FFFD}")
            }
        default:
            flushHigh()
            result.unicodeScalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
    }
    flushHigh()
    return result + String(decoding: run, as: UTF8.self)
}

/// Whether `bytes` is `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, written as a small state machine.
private func isPlainDecimal(_ bytes: [UInt8]) -> Bool {
    var state = 0  // 0 start, 1 after '-', 2 after leading 0, 3 in integer, 4 after '.', 5 in fraction
    for byte in bytes {
        let digit = byte >= 0x30 && byte <= 0x39
        switch (state, byte) {
        case (0, UInt8(ascii: "-")): state = 1
        case (0, UInt8(ascii: "0")), (1, UInt8(ascii: "0")): state = 2
        case (0, _) where digit, (1, _) where digit, (3, _) where digit: state = 3
        case (2, UInt8(ascii: ".")), (3, UInt8(ascii: ".")): state = 4
        case (4, _) where digit, (5, _) where digit: state = 5
        default: return false
        }
    }
    return state == 2 || state == 3 || state == 5
}

private func check(_ condition: Bool, _ what: @autoclosure () -> String) {
    if !condition { fatalError(what()) }
}

/// Compares the scanner's token and everything under it with the reference tree, calling every accessor.
private func compare(_ token: JSONToken, _ node: Node, in message: UnsafeRawBufferPointer) {
    check(
        token.kind == node.kind && token.start == node.start && token.end == node.end
            && token.hasEscapes == node.hasEscapes,
        "token \(token) differs from reference \(node.kind) \(node.start)..<\(node.end)")
    let raw = Array(token.bytes(in: message))
    let text = token.text(in: message)
    let plain = token.kind == .number || (token.kind == .string && !token.hasEscapes)

    if token.kind == .string && token.hasEscapes {
        check(text == referenceUnescape(raw), "unescaped \(raw) to \(Array(text.unicodeScalars))")
    } else {
        check(text == String(decoding: raw, as: UTF8.self), "text of \(token)")
    }

    let integer = token.int64(in: message)
    let expectedInteger = plain && raw.first != UInt8(ascii: "+") ? Int64(String(decoding: raw, as: UTF8.self)) : nil
    check(integer == expectedInteger, "int64 \(String(describing: integer)) for \(raw)")

    let decimal = token.decimal(in: message)
    check((decimal != nil) == (plain && isPlainDecimal(raw)), "decimal validity for \(raw)")
    check(decimal.map { Array($0.text.utf8) == raw } ?? true, "decimal text for \(raw)")

    let identifier = token.identifier(in: message)
    check(identifier == (token.kind == .number || token.kind == .string ? text : nil), "identifier of \(token)")
    check(
        token.isString("data", in: message)
            == (token.kind == .string && !token.hasEscapes && raw == Array("data".utf8)), "isString")
    check(token.isString(raw, in: message) == (token.kind == .string && !token.hasEscapes), "isString(bytes)")

    if token.kind == .string {  // what JSONWriter writes must scan back to the same text
        var written: [UInt8] = []
        JSONWriter.appendString(text, to: &written)
        written.withUnsafeBytes { copy in
            guard let again = try? JSONScanner.document(copy), again.kind == .string else {
                fatalError("JSONWriter wrote \(written), which does not scan")
            }
            check(again.text(in: copy) == text, "JSONWriter round trip of \(Array(text.unicodeScalars))")
        }
    }

    var members = JSONScanner.members(of: token, in: message)
    var memberCount = 0
    while let (key, value) = members.next() {
        check(memberCount < node.members.count, "more members than the reference")
        compare(key, node.members[memberCount].key, in: message)
        compare(value, node.members[memberCount].value, in: message)
        memberCount += 1
    }
    check(memberCount == node.members.count, "\(memberCount) members, reference \(node.members.count)")
    check(members.next() == nil, "members continue after the end")

    var elements = JSONScanner.elements(of: token, in: message)
    var elementCount = 0
    while let element = elements.next() {
        check(elementCount < node.elements.count, "more elements than the reference")
        compare(element, node.elements[elementCount], in: message)
        elementCount += 1
    }
    check(elementCount == node.elements.count, "\(elementCount) elements, reference \(node.elements.count)")
    check(elements.next() == nil, "elements continue after the end")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let message = UnsafeRawBufferPointer(start: data, count: size)
    var reference = Reference(message)
    let expected = reference.document()
    let root: JSONToken
    do {
        root = try JSONScanner.document(message)
    } catch {
        check(expected == nil, "scanner rejected what the reference accepts: \(error)")
        _ = error.description
        return 0
    }
    guard let expected else { fatalError("scanner accepted \(root), the reference rejects the input") }
    compare(root, expected, in: message)
    return 0
}

/// One scalar member value of a flat JSON object.
enum FlatJSONValue: Equatable, Sendable {
    case string(String)
    /// The number's exact text, as `1548175200641` or `-0.5e3` (never rounded through `Double`).
    case number(String)
    case bool(Bool)
    case null
}

/// Reads a flat JSON object (RFC 8259): `{"key": scalar, ...}` whose values are strings, numbers, booleans or
/// null; anything else (nesting, duplicate keys, trailing text, bad escapes) is not one.
struct FlatJSON {
    private let bytes: [UInt8]
    private var index = 0

    /// The members of `text`, or nil if it is not a flat JSON object.
    static func object(_ text: String) -> [String: FlatJSONValue]? {
        var reader = FlatJSON(bytes: Array(text.utf8))
        return reader.readObject()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func readObject() -> [String: FlatJSONValue]? {
        guard consume("{") else { return nil }
        var members: [String: FlatJSONValue] = [:]
        if consume("}") { return atEnd() ? members : nil }
        repeat {
            skipWhitespace()
            guard let key = readString(), consume(":"), let value = readValue(), members[key] == nil else { return nil }
            members[key] = value
        } while consume(",")
        return consume("}") && atEnd() ? members : nil
    }

    private mutating func readValue() -> FlatJSONValue? {
        skipWhitespace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""): return readString().map(FlatJSONValue.string)
        case UInt8(ascii: "t"): return readLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return readLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return readLiteral("null", .null)
        default: return readNumber().map(FlatJSONValue.number)
        }
    }

    /// A string token (§7), with its escapes decoded; `\u` surrogate pairs form one scalar.
    private mutating func readString() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        index += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []  // unescaped UTF-8 bytes not yet decoded
        func flush() -> Bool {
            defer { raw.removeAll() }
            guard let text = String(validating: raw, as: UTF8.self) else { return false }
            scalars.append(contentsOf: text.unicodeScalars)
            return true
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return flush() ? String(scalars) : nil
            case 0..<0x20: return nil  // control characters must be escaped
            case UInt8(ascii: "\\"):
                guard flush(), index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                let simple: [UInt8: Unicode.Scalar] = [
                    UInt8(ascii: "\""): "\"", UInt8(ascii: "\\"): "\\", UInt8(ascii: "/"): "/",
                    UInt8(ascii: "b"): "\u{08}",
                    UInt8(ascii: "f"): "\u{0C}", UInt8(ascii: "n"): "\n", UInt8(ascii: "r"): "\r",
                    UInt8(ascii: "t"): "\t",
                ]
                if let scalar = simple[escape] {
                    scalars.append(scalar)
                } else if escape == UInt8(ascii: "u"), let scalar = readUnicodeEscape() {
                    scalars.append(scalar)
                } else {
                    return nil
                }
            default: raw.append(byte)
            }
        }
        return nil
    }

    /// The scalar of `XXXX` after `\u`, reading a following `\uXXXX` low surrogate when needed.
    private mutating func readUnicodeEscape() -> Unicode.Scalar? {
        guard let high = readHex4() else { return nil }
        guard (0xD800...0xDBFF).contains(high) else { return Unicode.Scalar(high) }
        guard consumeRaw("\\u"), let low = readHex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    }

    private mutating func readHex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        let digits = bytes[index..<(index + 4)]
        guard digits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
            let value = UInt32(String(decoding: digits, as: UTF8.self), radix: 16)
        else { return nil }
        index += 4
        return value
    }

    /// A number token (§6): `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, returned as its text.
    private mutating func readNumber() -> String? {
        let start = index
        _ = consumeRaw("-")
        if consumeRaw("0") {
            // no further integer digits after a leading zero
        } else {
            guard digits() > 0 else { return nil }
        }
        if consumeRaw("."), digits() == 0 { return nil }
        if consumeRaw("e") || consumeRaw("E") {
            _ = consumeRaw("+") || consumeRaw("-")
            guard digits() > 0 else { return nil }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }

    private mutating func readLiteral(_ word: String, _ value: FlatJSONValue) -> FlatJSONValue? {
        consumeRaw(word) ? value : nil
    }

    /// Skips whitespace, then consumes `token` if it comes next.
    private mutating func consume(_ token: String) -> Bool {
        skipWhitespace()
        return consumeRaw(token)
    }

    private mutating func consumeRaw(_ token: String) -> Bool {
        let expected = Array(token.utf8)
        guard index + expected.count <= bytes.count, bytes[index..<(index + expected.count)].elementsEqual(expected)
        else { return false }
        index += expected.count
        return true
    }

    private mutating func skipWhitespace() {
        let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]  // §2
        while index < bytes.count, whitespace.contains(bytes[index]) { index += 1 }
    }

    private mutating func atEnd() -> Bool {
        skipWhitespace()
        return index == bytes.count
    }
}

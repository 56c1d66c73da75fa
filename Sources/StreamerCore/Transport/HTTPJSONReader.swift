/// Just enough JSON (RFC 8259) to read an error body's top-level members.
///
/// A byte scan, since Transport/ depends on no other folder. Anything it does not understand makes it give
/// up (nil), never trap.
struct HTTPJSONReader {
    /// One top-level member: its key and its value as text.
    struct Member: Equatable {
        let key: String
        /// A string's value, a number's or literal's text, the first string value inside an object or
        /// array, or nil for `null` and containers without strings.
        let text: String?
    }

    private enum Value {
        case string(String)
        case scalar(String)
        case null
        case container(firstString: String?)

        var text: String? {
            switch self {
            case .string(let text), .scalar(let text): text
            case .null: nil
            case .container(let first): first
            }
        }
    }

    private static let maxDepth = 32
    private let bytes: ArraySlice<UInt8>
    private var index: Int

    /// A reader over `bytes`, which should hold one JSON object.
    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    /// The members of the top-level object, or nil when the bytes do not start with a valid object.
    mutating func topLevelMembers() -> [Member]? {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { return nil }
        index += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { return [] }
        var members: [Member] = []
        while true {
            skipWhitespace()
            guard let key = string() else { return nil }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { return nil }
            index += 1
            guard let value = value(depth: 1) else { return nil }
            members.append(Member(key: key, text: value.text))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): return members
            default: return nil
            }
        }
    }

    private func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func value(depth: Int) -> Value? {
        skipWhitespace()
        guard let byte = peek() else { return nil }
        switch byte {
        case UInt8(ascii: "\""): return string().map(Value.string)
        case UInt8(ascii: "{"): return container(close: UInt8(ascii: "}"), isObject: true, depth: depth)
        case UInt8(ascii: "["): return container(close: UInt8(ascii: "]"), isObject: false, depth: depth)
        default:
            let start = index
            while let next = peek(), !",}] \t\r\n".utf8.contains(next) { index += 1 }
            guard index > start else { return nil }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            return text == "null" ? .null : .scalar(text)
        }
    }

    private mutating func container(close: UInt8, isObject: Bool, depth: Int) -> Value? {
        guard depth < Self.maxDepth else { return nil }
        index += 1
        skipWhitespace()
        var first: String?
        if peek() == close {
            index += 1
            return .container(firstString: nil)
        }
        while true {
            if isObject {
                skipWhitespace()
                guard string() != nil else { return nil }
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { return nil }
                index += 1
            }
            guard let value = value(depth: depth + 1) else { return nil }
            if first == nil, case .string(let text) = value { first = text }
            if first == nil, case .container(let inner) = value { first = inner }
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case close:
                index += 1
                return .container(firstString: first)
            default: return nil
            }
        }
    }

    /// A string token's value, escapes resolved (RFC 8259 §7); nil when malformed.
    private mutating func string() -> String? {
        guard peek() == UInt8(ascii: "\"") else { return nil }
        index += 1
        var out: [UInt8] = []
        while let byte = peek() {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escape = peek() else { return nil }
                index += 1
                switch escape {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: out.append(escape)  // \" \\ \/
                }
            default:
                out.append(byte)
            }
        }
        return nil
    }

    /// The scalar after `\u` (a surrogate pair takes the following `\uXXXX` too); U+FFFD for a lone surrogate.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let high = hex4() else { return nil }
        if (0xD800..<0xDC00).contains(high), peek() == UInt8(ascii: "\\"), index + 1 < bytes.endIndex,
            bytes[index + 1] == UInt8(ascii: "u")
        {
            index += 2
            guard let low = hex4() else { return nil }
            if (0xDC00..<0xE000).contains(low) {
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            return "\u{FFFD}"
        }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.endIndex else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }
}

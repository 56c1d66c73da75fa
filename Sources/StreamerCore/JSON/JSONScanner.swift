/// A zero-copy, validating JSON scanner for exchange messages (RFC 8259).
///
/// It never builds a tree: it yields `JSONToken`s (kind + byte range) and callers pick the fields they need.
public struct JSONScanner {
    let bytes: UnsafeRawBufferPointer
    /// The next byte to read.
    var index: Int
    /// Nesting limit, so hostile input cannot exhaust the stack.
    private static let maxDepth = 64

    /// A scanner over `bytes` (which must stay valid while it is used).
    public init(_ bytes: UnsafeRawBufferPointer, from index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    /// Parses the whole input as one JSON value with nothing but whitespace after it.
    public static func document(_ bytes: UnsafeRawBufferPointer) throws(JSONError) -> JSONToken {
        var scanner = JSONScanner(bytes)
        let token = try scanner.value(depth: 0)
        scanner.skipWhitespace()
        guard scanner.index == bytes.count else { throw .malformed(offset: scanner.index, expected: "end of input") }
        return token
    }

    /// The members of `object` (a token from this message), in order.
    public static func members(of object: JSONToken, in bytes: UnsafeRawBufferPointer) -> ObjectMembers {
        ObjectMembers(scanner: JSONScanner(bytes, from: object.start + 1), valid: object.kind == .object)
    }

    /// The elements of `array` (a token from this message), in order.
    public static func elements(of array: JSONToken, in bytes: UnsafeRawBufferPointer) -> ArrayElements {
        ArrayElements(scanner: JSONScanner(bytes, from: array.start + 1), valid: array.kind == .array)
    }

    /// Iterates an object's key/value pairs; the object was validated when its token was made.
    public struct ObjectMembers {
        fileprivate var scanner: JSONScanner
        fileprivate var valid: Bool
        private var started = false

        fileprivate init(scanner: JSONScanner, valid: Bool) {
            self.scanner = scanner
            self.valid = valid
        }

        /// The next key (a string token) and value, or nil at the end.
        public mutating func next() -> (key: JSONToken, value: JSONToken)? {
            guard valid else { return nil }
            scanner.skipWhitespace()
            if started {
                guard scanner.peek() == UInt8(ascii: ",") else { return nil }
                scanner.index += 1
                scanner.skipWhitespace()
            }
            started = true
            guard let key = try? scanner.string() else { return nil }  // validated already: fails only at '}'
            scanner.skipWhitespace()
            scanner.index += 1  // ':'
            guard let value = try? scanner.value(depth: 1) else { return nil }
            return (key, value)
        }
    }

    /// Iterates an array's elements; the array was validated when its token was made.
    public struct ArrayElements {
        fileprivate var scanner: JSONScanner
        fileprivate var valid: Bool
        private var started = false

        fileprivate init(scanner: JSONScanner, valid: Bool) {
            self.scanner = scanner
            self.valid = valid
        }

        /// The next element, or nil at the end.
        public mutating func next() -> JSONToken? {
            guard valid else { return nil }
            scanner.skipWhitespace()
            if started {
                guard scanner.peek() == UInt8(ascii: ",") else { return nil }
                scanner.index += 1
            } else if scanner.peek() == UInt8(ascii: "]") {
                return nil
            }
            started = true
            return try? scanner.value(depth: 1)
        }
    }

    @inline(__always)
    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    @inline(__always)
    mutating func skipWhitespace() {
        guard index < bytes.count, bytes[index] <= 0x20 else { return }  // compact JSON: nothing to skip
        skipWhitespaceRun()
    }

    /// The next byte that is not whitespace, having skipped the whitespace (nil at the end of the input).
    ///
    /// Compact JSON costs one bounds check and one load.
    @inline(__always)
    mutating func peekSignificant() -> UInt8? {
        if index < bytes.count {
            let byte = bytes[index]
            if byte > 0x20 { return byte }
        }
        skipWhitespaceRun()
        return peek()
    }

    private mutating func skipWhitespaceRun() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    func fail(_ expected: String) -> JSONError { .malformed(offset: index, expected: expected) }

    /// Scans and validates one value starting at the next non-whitespace byte.
    @inline(always)
    mutating func value(depth: Int) throws(JSONError) -> JSONToken {
        guard let byte = peekSignificant() else { throw fail("a value") }
        switch byte {
        case UInt8(ascii: "\""):
            if let plain = plainString() { return plain }
            return try string()
        case UInt8(ascii: "{"): return try container(close: UInt8(ascii: "}"), isObject: true, depth: depth)
        case UInt8(ascii: "["): return try container(close: UInt8(ascii: "]"), isObject: false, depth: depth)
        case UInt8(ascii: "t"): return try literal("true", kind: .bool)
        case UInt8(ascii: "f"): return try literal("false", kind: .bool)
        case UInt8(ascii: "n"): return try literal("null", kind: .null)
        default: return try number()
        }
    }

    /// Fails when a container at `depth` would nest too deeply.
    func checkDepth(_ depth: Int) throws(JSONError) {
        guard depth < JSONScanner.maxDepth else { throw fail("less nesting") }
    }

    private mutating func container(close: UInt8, isObject: Bool, depth: Int) throws(JSONError) -> JSONToken {
        try checkDepth(depth)
        let start = index
        index += 1
        skipWhitespace()
        if peek() == close {
            index += 1
            return JSONToken(kind: isObject ? .object : .array, start: start, end: index, hasEscapes: false)
        }
        while true {
            if isObject {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else { throw fail("a string key") }
                _ = try string()
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { throw fail("':'") }
                index += 1
            }
            _ = try value(depth: depth + 1)
            skipWhitespace()
            guard let next = peek() else { throw fail("',' or '\(Character(Unicode.Scalar(close)))'") }
            index += 1
            if next == close {
                return JSONToken(kind: isObject ? .object : .array, start: start, end: index, hasEscapes: false)
            }
            guard next == UInt8(ascii: ",") else {
                index -= 1
                throw fail("',' or '\(Character(Unicode.Scalar(close)))'")
            }
        }
    }

    /// The string at the opening quote under the scanner when it has no escapes (one run search, the usual case),
    /// or nil with the scanner unmoved when `string()` must read it.
    @inline(__always)
    mutating func plainString() -> JSONToken? {
        let start = index + 1
        let stop = JSONByteRun.plainEnd(bytes, from: start)
        guard stop < bytes.count, bytes[stop] == UInt8(ascii: "\"") else { return nil }
        index = stop + 1
        return JSONToken(kind: .string, start: start, end: stop, hasEscapes: false)
    }

    /// A string token; validates escapes and rejects raw control characters (RFC 8259 §7).
    mutating func string() throws(JSONError) -> JSONToken {
        guard peek() == UInt8(ascii: "\"") else { throw fail("'\"'") }
        index += 1
        let start = index
        var escapes = false
        while true {
            index = JSONByteRun.plainEnd(bytes, from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return JSONToken(kind: .string, start: start, end: index - 1, hasEscapes: escapes)
            }
            if byte < 0x20 { throw fail("no control characters in a string") }
            escapes = true  // a backslash
            index += 1
            guard let escape = peek() else { break }
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                index += 1
            case UInt8(ascii: "u"):
                index += 1
                for _ in 0..<4 {
                    guard let hex = peek(), (hex &- 0x30 < 10) || ((hex | 0x20) &- 0x61 < 6) else {
                        throw fail("four hex digits after \\u")
                    }
                    index += 1
                }
            default: throw fail("a valid escape")
            }
        }
        throw fail("closing '\"'")
    }

    /// A number token: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func number() throws(JSONError) -> JSONToken {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), first &- 0x30 < 10 else { throw fail("a value") }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        var next = peek()
        if next == UInt8(ascii: ".") {
            index += 1
            guard try requireDigits() else { throw fail("digits after '.'") }
            next = peek()
        }
        if let e = next, e | 0x20 == UInt8(ascii: "e") {
            index += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
            guard try requireDigits() else { throw fail("digits in the exponent") }
        }
        return JSONToken(kind: .number, start: start, end: index, hasEscapes: false)
    }

    /// Skips ASCII digits, eight at a time: a byte is not a digit when `byte - 0x30` or `byte + 0x46` sets its high
    /// bit; digits cause no borrow or carry, so the lowest marked byte is exact.
    private mutating func skipDigits() {
        var next = index
        let count = bytes.count
        while next + 8 <= count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: next, as: UInt64.self))
            let marks = ((word &- 0x3030_3030_3030_3030) | (word &+ 0x4646_4646_4646_4646)) & 0x8080_8080_8080_8080
            if marks != 0 {
                index = next + marks.trailingZeroBitCount >> 3
                return
            }
            next += 8
        }
        while next < count && bytes[next] &- 0x30 < 10 { next += 1 }
        index = next
    }

    private mutating func requireDigits() throws(JSONError) -> Bool {
        let start = index
        skipDigits()
        return index > start
    }

    private mutating func literal(_ word: StaticString, kind: JSONToken.Kind) throws(JSONError) -> JSONToken {
        let start = index
        let matches = word.withUTF8Buffer { expected in
            guard index + expected.count <= bytes.count else { return false }
            for offset in 0..<expected.count where bytes[index + offset] != expected[offset] { return false }
            return true
        }
        guard matches else { throw fail("a value") }
        index += word.utf8CodeUnitCount
        return JSONToken(kind: kind, start: start, end: index, hasEscapes: false)
    }
}

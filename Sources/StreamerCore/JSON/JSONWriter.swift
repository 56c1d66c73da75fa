/// Appends JSON text to a byte buffer: escaped strings (RFC 8259 §7) and exact decimal numbers.
public enum JSONWriter {
    private static let hexDigits: StaticString = "0123456789abcdef"

    /// Appends `text` as a quoted, escaped JSON string.
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            appendString(UnsafeRawBufferPointer(utf8), to: &out)
        }
        if done == nil { appendString(Array(text.utf8), to: &out) }  // a bridged string: not on the hot path
    }

    /// Appends the UTF-8 `bytes` as a quoted, escaped JSON string.
    public static func appendString(_ bytes: [UInt8], to out: inout [UInt8]) {
        bytes.withUnsafeBytes { appendString($0, to: &out) }
    }

    /// Appends the UTF-8 `bytes` as a quoted, escaped JSON string: runs that need no escaping are copied whole.
    public static func appendString(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var start = 0
        while start < bytes.count {
            let end = JSONByteRun.unescapedEnd(bytes, from: start)
            if end > start { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end])) }
            guard end < bytes.count else { break }
            appendEscape(bytes[end], to: &out)
            start = end + 1
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the escape sequence for a byte `JSONByteRun.unescapedEnd` stopped at.
    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        var sequence: UInt64 = 0
        let length = escape(byte, into: &sequence)
        withUnsafeBytes(of: sequence) { out.append(contentsOf: $0[..<length]) }
    }

    /// Writes the escape sequence of `byte` (`"`, `\`, a control byte or DEL) into `sequence`'s bytes; returns its
    /// length: `\n`, `\r`, `\t`, `\"`, `\\` or `\u00XX`.
    static func escape(_ byte: UInt8, into sequence: inout UInt64) -> Int {
        withUnsafeMutableBytes(of: &sequence) { bytes in
            bytes[0] = 0x5C
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes[1] = byte
                return 2
            case 0x0A:
                bytes[1] = UInt8(ascii: "n")
                return 2
            case 0x0D:
                bytes[1] = UInt8(ascii: "r")
                return 2
            case 0x09:
                bytes[1] = UInt8(ascii: "t")
                return 2
            default:  // other control bytes and DEL
                hexDigits.withUTF8Buffer { hex in
                    bytes[1] = UInt8(ascii: "u")
                    bytes[2] = 0x30
                    bytes[3] = 0x30
                    bytes[4] = hex[Int(byte >> 4)]
                    bytes[5] = hex[Int(byte & 0xF)]
                }
                return 6
            }
        }
    }

    /// Appends `"key":` (keys are our own ASCII names, so they need no escaping).
    public static func appendKey(_ key: StaticString, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// Appends `text` unchanged (a number whose grammar the caller guarantees).
    public static func appendRaw(_ text: String, to out: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { out.append(contentsOf: $0) }
        if done == nil { out.append(contentsOf: text.utf8) }
    }
}

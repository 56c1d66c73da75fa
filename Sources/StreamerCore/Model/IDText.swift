/// An exchange's id (a trade or order id) as the exact text it sent; up to 23 bytes are kept inline, so Bitstamp's
/// 16–19 digit ids never allocate, and longer ones (Bitvavo's UUIDs) as a `String`.
public struct IDText: Hashable, Sendable, CustomStringConvertible {
    /// Inline bytes in memory order with the length in the last byte, or a longer text.
    private enum Storage: Hashable, Sendable {
        case inline(UInt64, UInt64, UInt64)
        case text(String)
    }

    private let storage: Storage
    /// The most bytes kept inline.
    static let inlineCapacity = 23

    /// The id `text`.
    public init(_ text: String) {
        var copy = text
        storage = copy.withUTF8 { IDText.storage(UnsafeRawBufferPointer($0)) } ?? .text(text)
    }

    /// The id whose UTF-8 is `bytes` (from a message: bytes that are not ASCII are decoded, repairing as `String` does).
    init(bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        guard count >= 8 && count <= IDText.inlineCapacity else {
            var ascii: UInt8 = 0
            for byte in bytes { ascii |= byte }
            if ascii < 0x80, let inline = IDText.storage(bytes) {
                self.init(storage: inline)
            } else {
                self.init(String(decoding: bytes, as: UTF8.self))
            }
            return
        }
        // 8-23 bytes (Bitstamp's ids): two or three overlapping word loads, checked for ASCII all at once.
        let head = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        let middle = count > 16 ? bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self) : 0
        let tail = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        guard (head | middle | tail) & 0x8080_8080_8080_8080 == 0 else {
            self.init(String(decoding: bytes, as: UTF8.self))
            return
        }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            raw.storeBytes(of: head, toByteOffset: 0, as: UInt64.self)
            if count > 16 { raw.storeBytes(of: middle, toByteOffset: 8, as: UInt64.self) }
            raw.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
            raw[IDText.inlineCapacity] = UInt8(count)
        }
        self.init(storage: .inline(words.0, words.1, words.2))
    }

    private init(storage: Storage) { self.storage = storage }

    /// Inline storage for `bytes`, or nil when they are too long.
    private static func storage(_ bytes: UnsafeRawBufferPointer) -> Storage? {
        guard bytes.count <= inlineCapacity else { return nil }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            UnsafeMutableRawBufferPointer(rebasing: raw[..<bytes.count]).copyMemory(from: bytes)
            raw[inlineCapacity] = UInt8(bytes.count)
        }
        return .inline(words.0, words.1, words.2)
    }

    /// Lends `body` the id's UTF-8 bytes.
    public func withUTF8<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch storage {
        case .inline(let first, let second, let third):
            let words = (first, second, third)
            return try withUnsafeBytes(of: words) { raw in
                try body(UnsafeRawBufferPointer(rebasing: raw[..<Int(raw[IDText.inlineCapacity])]))
            }
        case .text(let text):
            var copy = text
            return try copy.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        }
    }

    public var description: String {
        switch storage {
        case .inline: withUTF8 { String(decoding: $0, as: UTF8.self) }
        case .text(let text): text
        }
    }
}

/// UTF-8 text kept inline when it is at most 23 bytes, so copying or destroying it involves no allocation and no
/// reference counting, and as a `String` when it is longer; the storage of `IDText` and `DecimalString`.
///
/// Every text has one representation (inline exactly when it fits), so the synthesized equality and hashing compare
/// texts.
struct CompactText: Hashable, Sendable, CustomStringConvertible {
    /// Inline bytes in memory order with the length in the last byte, or a longer text.
    private enum Storage: Hashable, Sendable {
        case inline(UInt64, UInt64, UInt64)
        case text(String)
    }

    private let storage: Storage
    /// The most bytes kept inline.
    static let inlineCapacity = 23

    /// The text `text`.
    init(_ text: String) {
        var copy = text
        storage = copy.withUTF8 { CompactText.inline(UnsafeRawBufferPointer($0)) } ?? .text(text)
    }

    /// The text whose UTF-8 is `bytes` (bytes that are not ASCII are decoded, repairing as `String` does).
    init(bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        guard count >= 8 && count <= CompactText.inlineCapacity else {
            var ascii: UInt8 = 0
            for byte in bytes { ascii |= byte }
            if ascii < 0x80, let inline = CompactText.inline(bytes) {
                self.init(storage: inline)
            } else {
                self.init(String(decoding: bytes, as: UTF8.self))
            }
            return
        }
        // 8-23 bytes (ids, most prices and amounts): two or three overlapping word loads, checked for ASCII at once.
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
            raw[CompactText.inlineCapacity] = UInt8(count)
        }
        self.init(storage: .inline(words.0, words.1, words.2))
    }

    private init(storage: Storage) { self.storage = storage }

    /// Inline storage for `bytes`, or nil when they are too long.
    private static func inline(_ bytes: UnsafeRawBufferPointer) -> Storage? {
        guard bytes.count <= inlineCapacity else { return nil }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            UnsafeMutableRawBufferPointer(rebasing: raw[..<bytes.count]).copyMemory(from: bytes)
            raw[inlineCapacity] = UInt8(bytes.count)
        }
        return .inline(words.0, words.1, words.2)
    }

    /// Lends `body` the text's UTF-8 bytes.
    @inline(__always)
    func withUTF8<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch storage {
        case .inline(let first, let second, let third):
            let words = (first, second, third)
            return try withUnsafeBytes(of: words) { raw in
                try body(UnsafeRawBufferPointer(rebasing: raw[..<Int(raw[CompactText.inlineCapacity])]))
            }
        case .text(let text):
            var copy = text
            return try copy.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        }
    }

    var description: String {
        switch storage {
        case .inline: withUTF8 { String(decoding: $0, as: UTF8.self) }
        case .text(let text): text
        }
    }
}

/// An exchange's id (a trade or order id) as the exact text it sent; up to 23 bytes are kept inline, so Bitstamp's
/// 16–19 digit ids never allocate, and longer ones (Bitvavo's UUIDs) as a `String`.
public struct IDText: Hashable, Sendable, CustomStringConvertible {
    private let text: CompactText

    /// The id `text`.
    public init(_ text: String) { self.text = CompactText(text) }

    /// The id whose UTF-8 is `bytes` (from a message: bytes that are not ASCII are decoded, repairing as `String` does).
    init(bytes: UnsafeRawBufferPointer) { text = CompactText(bytes: bytes) }

    /// Lends `body` the id's UTF-8 bytes.
    @inline(__always)
    public func withUTF8<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try text.withUTF8(body) }

    public var description: String { text.description }
}

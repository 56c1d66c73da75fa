/// One output line built in a renderer's own scratch buffer with plain stores and copies (no per-append uniqueness
/// or capacity work of `[UInt8]`); a line that does not fit sets `overflowed` instead of writing past the end, and the
/// renderer retries with a bigger buffer.
///
/// Every write checks its room first, so `count` stays within the buffer and the offset arithmetic wraps (`&+`)
/// instead of testing each addition for overflow.
struct LineWriter {
    private let buffer: UnsafeMutableRawBufferPointer
    /// Bytes written so far.
    private(set) var count = 0
    /// Whether a write did not fit (the line is then incomplete and must be rendered again with more room).
    private(set) var overflowed = false

    /// A writer filling `buffer` from its start.
    init(_ buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

    /// The bytes written so far.
    var written: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[..<count]) }

    /// The bytes from `mark` to the end of what is written.
    func bytes(from mark: Int) -> [UInt8] { Array(buffer[mark..<count]) }

    /// Forgets everything written after `mark`.
    mutating func truncate(to mark: Int) { count = min(count, mark) }

    /// Whether `needed` more bytes fit; records an overflow when they do not.
    @inline(__always)
    private mutating func room(_ needed: Int) -> Bool {
        guard buffer.count &- count >= needed else {
            overflowed = true
            return false
        }
        return true
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        guard room(1) else { return }
        buffer[count] = byte
        count &+= 1
    }

    /// Appends two bytes.
    @inline(__always)
    mutating func append(_ first: UInt8, _ second: UInt8) {
        guard room(2) else { return }
        buffer[count] = first
        buffer[count &+ 1] = second
        count &+= 2
    }

    /// Appends `bytes` as they are.
    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard room(bytes.count) else { return }
        copy(bytes, to: count)
        count &+= bytes.count
    }

    /// Copies `bytes` into the buffer at `offset` (room checked by the caller); runs of up to 32 bytes, the usual case
    /// here, as overlapping word moves instead of a `memcpy` call.
    @inline(__always)
    private func copy(_ bytes: UnsafeRawBufferPointer, to offset: Int) {
        let length = bytes.count
        if length >= 8 && length <= 32 {
            if length > 16 {
                move(UInt64.self, bytes, 8, to: offset)
                move(UInt64.self, bytes, length &- 16, to: offset)
            }
            move(UInt64.self, bytes, 0, to: offset)
            move(UInt64.self, bytes, length &- 8, to: offset)
        } else if length >= 4 && length < 8 {
            move(UInt32.self, bytes, 0, to: offset)
            move(UInt32.self, bytes, length &- 4, to: offset)
        } else if length < 4 {
            for index in 0..<length { buffer[offset &+ index] = bytes[index] }
        } else {
            UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + length)]).copyMemory(from: bytes)
        }
    }

    /// Moves the `Word` at `position` of `bytes` to the same position after `offset`.
    @inline(__always)
    private func move<Word: FixedWidthInteger>(
        _: Word.Type, _ bytes: UnsafeRawBufferPointer, _ position: Int, to offset: Int
    ) {
        buffer.storeBytes(
            of: bytes.loadUnaligned(fromByteOffset: position, as: Word.self), toByteOffset: offset &+ position,
            as: Word.self)
    }

    /// Lets `body` write at most `maxBytes` straight into the line (it returns how many it wrote); records an
    /// overflow instead when they might not fit.
    @inline(__always)
    mutating func write(upTo maxBytes: Int, _ body: (UnsafeMutableRawBufferPointer) -> Int) {
        guard room(maxBytes) else { return }
        count &+= body(UnsafeMutableRawBufferPointer(rebasing: buffer[count..<(count &+ maxBytes)]))
    }

    /// Appends the UTF-8 of `text` as it is.
    mutating func append(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { append(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(text.utf8).withUnsafeBytes { append($0) } }
    }

    /// Appends `value` in decimal.
    mutating func append(_ value: Int64) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 20 digits and a sign fit in 24 bytes
        withUnsafeMutableBytes(of: &digits) { scratch in
            var magnitude = value.magnitude
            var start = scratch.count
            repeat {
                start -= 1
                scratch[start] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                scratch[start] = UInt8(ascii: "-")
            }
            append(UnsafeRawBufferPointer(rebasing: scratch[start...]))
        }
    }

    /// Appends `,"key":` (without the comma when `comma` is false); keys are our own ASCII names.
    @inline(__always)
    mutating func appendKey(_ key: StaticString, comma: Bool) {
        let length = key.utf8CodeUnitCount
        guard room(length &+ 4) else { return }
        if comma {
            buffer[count] = UInt8(ascii: ",")
            count &+= 1
        }
        buffer[count] = UInt8(ascii: "\"")
        key.withUTF8Buffer { copy(UnsafeRawBufferPointer($0), to: count &+ 1) }
        count &+= length &+ 1
        buffer[count] = UInt8(ascii: "\"")
        buffer[count &+ 1] = UInt8(ascii: ":")
        count &+= 2
    }

    /// Appends `text` as a quoted JSON string, escaped exactly as `JSONWriter.appendString` does.
    mutating func appendJSONString(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendJSONString(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(text.utf8).withUnsafeBytes { appendJSONString($0) } }
    }

    /// Appends the UTF-8 `bytes` as a quoted JSON string: runs that need no escaping are copied whole.
    mutating func appendJSONString(_ bytes: UnsafeRawBufferPointer) {
        if !JSONByteRun.needsEscaping(bytes) {  // the usual case: quote, one copy, quote
            guard room(bytes.count &+ 2) else { return }
            buffer[count] = UInt8(ascii: "\"")
            copy(bytes, to: count &+ 1)
            count &+= bytes.count &+ 2
            buffer[count &- 1] = UInt8(ascii: "\"")
            return
        }
        append(UInt8(ascii: "\""))
        var start = 0
        while start < bytes.count {
            let end = JSONByteRun.unescapedEnd(bytes, from: start)
            if end > start { append(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) }
            guard end < bytes.count else { break }
            var sequence: UInt64 = 0
            let length = JSONWriter.escape(bytes[end], into: &sequence)
            withUnsafeBytes(of: sequence) { append(UnsafeRawBufferPointer(rebasing: $0[..<length])) }
            start = end + 1
        }
        append(UInt8(ascii: "\""))
    }
}

extension LineWriter {
    /// Appends a literal of ours (`null`, `true`) as it is.
    @inline(__always)
    mutating func append(contentsOf literal: StaticString) {
        literal.withUTF8Buffer { append(UnsafeRawBufferPointer($0)) }
    }
}

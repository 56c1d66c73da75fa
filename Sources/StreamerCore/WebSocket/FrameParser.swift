/// An incremental, pure parser of server-to-client frames (RFC 6455 §5.2) that owns the read buffer.
///
///      0                   1                   2                   3
///      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///     +-+-+-+-+-------+-+-------------+-------------------------------+
///     |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
///     |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
///     |N|V|V|V|       |S|             |   (if payload len==126/127)   |
///     | |1|2|3|       |K|             |                               |
///     +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
///     |     Extended payload length continued, if payload len == 127  |
///     + - - - - - - - - - - - - - - - +-------------------------------+
///     |                               |Masking-key, if MASK set to 1  |
///     +-------------------------------+-------------------------------+
///     | Masking-key (continued)       |          Payload Data         |
///     +-------------------------------- - - - - - - - - - - - - - - - +
///
/// Bytes are read straight into its spare capacity (`fill`), and consumed frames advance a read offset;
/// the unconsumed tail is moved to the front only when space runs out, so parsing stays linear.
public struct FrameParser: Sendable {
    /// The largest payload accepted in one frame (the message cap applies again after reassembly).
    public let maxPayload: Int
    private let initialCapacity: Int
    private var storage: [UInt8]
    private var start = 0
    private var end = 0

    /// A parser rejecting frames above `maxPayload` bytes, starting with `initialCapacity` bytes of buffer.
    public init(maxPayload: Int = 16 << 20, initialCapacity: Int = 256 << 10) {
        self.maxPayload = maxPayload
        self.initialCapacity = initialCapacity
        self.storage = [UInt8](repeating: 0, count: initialCapacity)
    }

    /// Bytes received but not yet consumed as frames.
    public var bufferedCount: Int { end - start }

    /// Copies `bytes` into the buffer (tests and the handshake's leftover bytes).
    public mutating func append(_ bytes: some Collection<UInt8>) {
        reserve(bytes.count)
        storage.withUnsafeMutableBufferPointer { buffer in
            var index = end
            for byte in bytes {
                buffer[index] = byte
                index += 1
            }
        }
        end += bytes.count
    }

    /// Lets `body` write up to the free space directly into the buffer; `body` returns the bytes it wrote
    /// (or nil/0, which this passes through).
    public mutating func fill<E: Error>(
        minimumSpace: Int = 64 << 10, _ body: (UnsafeMutableRawBufferPointer) throws(E) -> Int?
    ) throws(E) -> Int? {
        reserve(minimumSpace)
        let offset = end
        var outcome: Result<Int?, E> = .success(nil)
        storage.withUnsafeMutableBytes { raw in
            do throws(E) { outcome = .success(try body(UnsafeMutableRawBufferPointer(rebasing: raw[offset...]))) } catch
            {
                outcome = .failure(error)
            }
        }
        let count = try outcome.get()
        if let count, count > 0 { end += count }
        return count
    }

    /// Makes room for `count` more bytes at the end: reset when empty, compact, then grow.
    private mutating func reserve(_ count: Int) {
        if start == end {
            start = 0
            end = 0
            if storage.count > initialCapacity * 4 && count <= initialCapacity {
                storage = [UInt8](repeating: 0, count: initialCapacity)  // give back a huge message's buffer
            }
        }
        if storage.count - end >= count { return }
        if start > 0 {
            let live = end - start
            storage.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return }
                base.copyMemory(from: base + start, byteCount: live)
            }
            start = 0
            end = live
        }
        if storage.count - end < count {
            let wanted = max(storage.count * 2, end + count)
            storage.append(contentsOf: repeatElement(0, count: wanted - storage.count))
        }
    }

    /// The next complete frame, nil when more bytes are needed, or the §5 rule the server broke.
    public mutating func next() throws(FrameError) -> Frame? {
        guard let head = try header() else { return nil }
        let total = head.length + Int(head.payloadLength)
        guard end - start >= total else { return nil }
        let payload = Array(storage[(start + head.length)..<(start + total)])
        start += total
        return Frame(fin: head.fin, opcode: head.opcode, payload: payload)
    }

    /// Like `next()`, but the payload is written into `spare`'s storage (a delivered message's array handed back), so
    /// a stream of messages does not allocate an array each; `spare` is left empty.
    public mutating func next(reusing spare: inout [UInt8]) throws(FrameError) -> Frame? {
        guard let head = try header() else { return nil }
        let total = head.length + Int(head.payloadLength)
        guard end - start >= total else { return nil }
        var payload: [UInt8] = []
        swap(&payload, &spare)
        payload.removeAll(keepingCapacity: true)
        payload.append(contentsOf: storage[(start + head.length)..<(start + total)])
        start += total
        return Frame(fin: head.fin, opcode: head.opcode, payload: payload)
    }

    /// Lends `body` the opcode and the payload bytes received so far of the frame `next()` is still waiting for,
    /// without copying; nil when no frame is in progress or its header is incomplete.
    ///
    /// Lets the caller look at a large frame while it arrives (§8.1: fail on invalid UTF-8 as soon as it is seen).
    public func withIncompleteFrame<R, E: Error>(
        _ body: (_ opcode: Opcode, _ payloadSoFar: UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R? {
        let head: Header
        do {
            guard let parsed = try header() else { return nil }
            head = parsed
        } catch {
            return nil  // `next()` has already thrown this error, which ends the connection
        }
        let payloadStart = start + head.length
        guard payloadStart <= end else { return nil }
        var outcome: Result<R, E>?
        storage.withUnsafeBytes { raw in
            let received = UnsafeRawBufferPointer(rebasing: raw[payloadStart..<end])
            do throws(E) { outcome = .success(try body(head.opcode, received)) } catch { outcome = .failure(error) }
        }
        return try outcome?.get()
    }

    /// A frame header as read from the wire.
    private struct Header {
        var fin: Bool
        var opcode: Opcode
        /// Bytes of header before the payload.
        var length: Int
        var payloadLength: UInt64
    }

    /// The header of the frame at the read offset, nil when it is not complete yet, or the §5 rule it breaks.
    private func header() throws(FrameError) -> Header? {
        let available = end - start
        guard available >= 2 else { return nil }
        let first = start
        let (b0, b1) = (storage[first], storage[first + 1])
        guard b0 & 0x70 == 0 else { throw .reservedBitsSet }  // §5.2: no extension negotiated
        guard b1 & 0x80 == 0 else { throw .maskedFrameFromServer }  // §5.1
        let opcode = Opcode(rawValue: b0)
        guard !opcode.isReserved else { throw .reservedOpcode(opcode.rawValue) }
        let fin = b0 & 0x80 != 0
        var header = 2
        var length = UInt64(b1 & 0x7F)
        if length >= 126 {
            let width = length == 126 ? 2 : 8
            guard available >= 2 + width else { return nil }
            length = 0
            for index in 0..<width { length = length << 8 | UInt64(storage[first + 2 + index]) }
            header += width
            guard length >> 63 == 0 else { throw .invalidLength(length) }  // §5.2: most significant bit 0
        }
        if opcode.isControl {  // §5.5
            guard fin else { throw .fragmentedControlFrame }
            guard length <= 125 else { throw .controlPayloadTooLong(length) }
        }
        guard length <= UInt64(maxPayload) else { throw .messageTooBig(length, limit: maxPayload) }
        return Header(fin: fin, opcode: opcode, length: header, payloadLength: length)
    }
}

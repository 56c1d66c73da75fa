/// Decodes client-to-server frames incrementally and insists that every one is masked (RFC 6455 §5.1).
///
/// The fixture shares no code with StreamerCore's `FrameParser` on purpose: a bug common to the client's
/// encoder and parser cannot pass unnoticed.
///
///     0                   1                   2                   3
///     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///    +-+-+-+-+-------+-+-------------+-------------------------------+
///    |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
///    |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
///    |N|V|V|V|       |S|             |   (if payload len==126/127)   |
///    | |1|2|3|       |K|             |                               |
///    +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
///    |     Extended payload length continued, if payload len == 127  |
///    + - - - - - - - - - - - - - - - +-------------------------------+
///    |                               |Masking-key, if MASK set to 1  |
///    +-------------------------------+-------------------------------+
///    | Masking-key (continued)       |          Payload Data         |
///    +-------------------------------- - - - - - - - - - - - - - - - +
struct ClientFrameDecoder: Sendable {
    /// The largest payload accepted; exchanges cap client frames far lower (Bitstamp: 512 bytes).
    static let maxPayload: UInt64 = 1 << 20

    private var buffer: [UInt8] = []
    private var start = 0

    /// Adds bytes read from the socket.
    mutating func append(_ bytes: [UInt8]) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer += bytes
    }

    /// The next complete frame, or nil until more bytes arrive.
    mutating func next() throws(ProtocolViolation) -> ClientFrame? {
        let available = buffer.count - start
        guard available >= 2 else { return nil }
        let first = buffer[start]
        let second = buffer[start + 1]
        guard first & 0x70 == 0 else { throw .reservedBits(first & 0x70) }  // no extension negotiated (§5.2)
        guard let opcode = Opcode(rawValue: first & 0x0F) else { throw .reservedOpcode(first & 0x0F) }
        guard second & 0x80 != 0 else { throw .unmaskedFrame }  // a client MUST mask every frame (§5.1)
        let fin = first & 0x80 != 0
        var headerLength = 2
        var length = UInt64(second & 0x7F)
        if length >= 126 {
            let width = length == 126 ? 2 : 8
            guard available >= 2 + width else { return nil }
            length = buffer[(start + 2)..<(start + 2 + width)].reduce(0) { $0 << 8 | UInt64($1) }
            headerLength += width
            let minimum: UInt64 = width == 2 ? 126 : 0x1_0000
            guard length >= minimum, length >> 63 == 0 else { throw .nonMinimalLength(length) }  // §5.2
        }
        if opcode.isControl {  // §5.5
            guard fin else { throw .fragmentedControlFrame }
            guard length <= 125 else { throw .controlPayloadTooLong(length) }
        }
        guard length <= Self.maxPayload else { throw .payloadTooLarge(length) }
        let keyStart = start + headerLength
        let payloadStart = keyStart + 4
        let end = payloadStart + Int(length)
        guard buffer.count >= end else { return nil }
        var payload = Array(buffer[payloadStart..<end])
        for index in payload.indices {  // §5.3: octet i XOR masking-key octet (i MOD 4)
            payload[index] ^= buffer[keyStart + index % 4]
        }
        start = end
        return ClientFrame(fin: fin, opcode: opcode, payload: payload)
    }
}

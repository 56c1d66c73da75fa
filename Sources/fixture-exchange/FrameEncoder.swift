/// Encodes server-to-client frames: never masked (RFC 6455 §5.1), lengths in the minimal form (§5.2).
enum FrameEncoder {
    /// FIN + reserved opcode 0x3 with an empty payload: a correct client fails the connection with 1002 (§5.2).
    static let reservedOpcodeFrame: [UInt8] = [0x83, 0x00]

    /// One frame with no RSV bits.
    static func frame(fin: Bool = true, opcode: Opcode, payload: [UInt8]) -> [UInt8] {
        frame(firstByte: (fin ? 0x80 : 0x00) | opcode.rawValue, payload: payload)
    }

    /// One frame whose first byte (FIN, RSV1-3, opcode) is given as is, for fault injection.
    static func frame(firstByte: UInt8, payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [firstByte]
        bytes.reserveCapacity(payload.count + 10)
        switch payload.count {
        case 0...125:
            bytes.append(UInt8(payload.count))
        case 126...0xFFFF:
            bytes.append(126)
            bytes += [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default:
            bytes.append(127)
            bytes += (0..<8).reversed().map { UInt8(truncatingIfNeeded: UInt64(payload.count) >> ($0 * 8)) }
        }
        return bytes + payload
    }

    /// A Close payload: the code in network byte order, then the UTF-8 reason (§5.5.1); empty without a code.
    static func closePayload(code: UInt16?, reason: String) -> [UInt8] {
        guard let code else { return [] }
        return [UInt8(code >> 8), UInt8(code & 0xFF)] + Array(reason.utf8)
    }
}

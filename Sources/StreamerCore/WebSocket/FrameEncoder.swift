/// Encodes frames; every client frame is masked with a fresh random key (RFC 6455 §5.3).
public enum FrameEncoder {
    /// The wire bytes of `frame` masked with `maskingKey` (4 bytes), or unmasked when it is nil.
    public static func encode(_ frame: Frame, maskingKey: [UInt8]?) -> [UInt8] {
        let length = frame.payload.count
        var out: [UInt8] = []
        out.reserveCapacity(length + 14)
        out.append((frame.fin ? 0x80 : 0) | frame.opcode.rawValue)
        let maskBit: UInt8 = maskingKey == nil ? 0 : 0x80
        switch length {
        case 0...125:
            out.append(maskBit | UInt8(length))
        case 126...0xFFFF:
            out.append(maskBit | 126)
            out.append(UInt8(length >> 8))
            out.append(UInt8(length & 0xFF))
        default:
            out.append(maskBit | 127)
            for shift in stride(from: 56, through: 0, by: -8) {
                out.append(UInt8((UInt64(length) >> UInt64(shift)) & 0xFF))
            }
        }
        guard let key = maskingKey, key.count == 4 else {
            out.append(contentsOf: frame.payload)
            return out
        }
        out.append(contentsOf: key)
        for (index, byte) in frame.payload.enumerated() { out.append(byte ^ key[index & 3]) }  // §5.3
        return out
    }

    /// A client frame masked with a fresh key from a strong source (§5.3, §10.3).
    public static func encodeClient(_ frame: Frame) -> [UInt8] {
        encode(frame, maskingKey: Digest.randomBytes(4))
    }

    /// The payload of a Close frame: the status code in network order, then the UTF-8 reason (§5.5.1).
    public static func closePayload(_ code: CloseCode, reason: String = "") -> [UInt8] {
        [UInt8(code.rawValue >> 8), UInt8(code.rawValue & 0xFF)] + Array(reason.utf8.prefix(123))
    }
}

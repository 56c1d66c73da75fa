/// A client frame or message that breaks RFC 6455; the fixture logs it as `protocol-error <description>`.
enum ProtocolViolation: Error, Equatable, Sendable, CustomStringConvertible {
    case unmaskedFrame
    case reservedBits(UInt8)
    case reservedOpcode(UInt8)
    case nonMinimalLength(UInt64)
    case fragmentedControlFrame
    case controlPayloadTooLong(UInt64)
    case payloadTooLarge(UInt64)
    case unexpectedContinuation
    case dataFrameInsideFragmentedMessage
    case invalidUTF8
    case oneByteClosePayload
    case closeCodeNotAllowed(UInt16)

    /// The code of the Close frame the server answers with (§7.4.1).
    var closeCode: UInt16 {
        switch self {
        case .invalidUTF8: CloseCode.invalidPayload
        case .payloadTooLarge: CloseCode.messageTooBig
        default: CloseCode.protocolError
        }
    }

    /// The short reason sent in that Close frame.
    var closeReason: String {
        switch self {
        case .invalidUTF8: "invalid UTF-8"
        case .payloadTooLarge: "message too big"
        default: "protocol error"
        }
    }

    var description: String {
        switch self {
        case .unmaskedFrame: "unmasked client frame (RFC 6455 §5.1)"
        case .reservedBits(let bits): "reserved bits 0x\(String(bits, radix: 16)) set without an extension (§5.2)"
        case .reservedOpcode(let opcode): "reserved opcode 0x\(String(opcode, radix: 16)) (§5.2)"
        case .nonMinimalLength(let length): "length \(length) not in the minimal encoding (§5.2)"
        case .fragmentedControlFrame: "fragmented control frame (§5.5)"
        case .controlPayloadTooLong(let length): "control frame payload of \(length) bytes, over 125 (§5.5)"
        case .payloadTooLarge(let length): "frame payload of \(length) bytes, over the fixture's limit"
        case .unexpectedContinuation: "continuation frame with no message to continue (§5.4)"
        case .dataFrameInsideFragmentedMessage: "new data frame inside a fragmented message (§5.4)"
        case .invalidUTF8: "text is not valid UTF-8 (§8.1)"
        case .oneByteClosePayload: "close frame with a 1-byte payload (§5.5.1)"
        case .closeCodeNotAllowed(let code): "close code \(code) not allowed on the wire (§7.4)"
        }
    }
}

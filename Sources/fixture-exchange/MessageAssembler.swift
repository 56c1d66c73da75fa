/// Turns client frames into messages: joins fragments (RFC 6455 §5.4), lets control frames through
/// between them, and checks UTF-8 once per whole message (§8.1).
struct MessageAssembler: Sendable {
    private var fragments: [UInt8] = []
    private var fragmentedOpcode: Opcode?

    /// The message `frame` completes, or nil while a fragmented message is still open.
    mutating func accept(_ frame: ClientFrame) throws(ProtocolViolation) -> InboundMessage? {
        switch frame.opcode {
        case .ping:
            return .ping(frame.payload)
        case .pong:
            return .pong(frame.payload)
        case .close:
            return try Self.close(frame.payload)
        case .text, .binary:
            guard fragmentedOpcode == nil else { throw .dataFrameInsideFragmentedMessage }
            if frame.fin { return try Self.message(frame.opcode, frame.payload) }
            fragmentedOpcode = frame.opcode
            fragments = frame.payload
            return nil
        case .continuation:
            guard let opcode = fragmentedOpcode else { throw .unexpectedContinuation }
            fragments += frame.payload
            guard UInt64(fragments.count) <= ClientFrameDecoder.maxPayload else {
                throw .payloadTooLarge(UInt64(fragments.count))
            }
            guard frame.fin else { return nil }
            defer {
                fragments = []
                fragmentedOpcode = nil
            }
            return try Self.message(opcode, fragments)
        }
    }

    private static func message(_ opcode: Opcode, _ payload: [UInt8]) throws(ProtocolViolation) -> InboundMessage {
        guard opcode == .text else { return .binary(payload) }
        guard let text = String(validating: payload, as: UTF8.self) else { throw .invalidUTF8 }
        return .text(text)
    }

    private static func close(_ payload: [UInt8]) throws(ProtocolViolation) -> InboundMessage {
        guard !payload.isEmpty else { return .close(code: nil, reason: "") }
        guard payload.count >= 2 else { throw .oneByteClosePayload }
        let code = UInt16(payload[0]) << 8 | UInt16(payload[1])
        guard CloseCode.isAllowedOnWire(code) else { throw .closeCodeNotAllowed(code) }
        guard let reason = String(validating: payload.dropFirst(2), as: UTF8.self) else { throw .invalidUTF8 }
        return .close(code: code, reason: reason)
    }
}

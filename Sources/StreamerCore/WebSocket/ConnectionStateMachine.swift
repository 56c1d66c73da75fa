/// A complete message delivered to the application.
public struct Message: Equatable, Sendable {
    /// Text (UTF-8 validated) or binary.
    public var isText: Bool
    /// The reassembled payload.
    public var bytes: [UInt8]

    /// A message of the given kind.
    public init(isText: Bool, bytes: [UInt8]) {
        self.isText = isText
        self.bytes = bytes
    }
}

/// What the client loop must do after a frame arrived.
public enum ConnectionAction: Equatable, Sendable {
    /// Nothing (a pong, or a fragment of a message still open).
    case none
    /// Hand a complete message to the application.
    case deliver(Message)
    /// Send this frame (a pong answering a ping, §5.5.2).
    case send(Frame)
    /// The peer sent Close: send `reply` if given, then the connection is over (§5.5.1, §7.1.2).
    case peerClosed(code: CloseCode?, reason: String, reply: Frame?)
}

/// Decides what each received frame means: fragment reassembly, control frames, close handshake, per-message UTF-8 and
/// size limits.
///
/// Pure: the `WebSocketClient` performs the actions.
public struct ConnectionStateMachine: Sendable {
    /// The cap on a reassembled message, in bytes.
    public let maxMessageSize: Int
    private var fragmentOpcode: Opcode?
    private var fragments: [UInt8] = []
    /// Whether we have sent a Close frame.
    public private(set) var closeSent = false

    /// A machine enforcing `maxMessageSize` on reassembled messages.
    public init(maxMessageSize: Int) { self.maxMessageSize = maxMessageSize }

    /// Interprets one frame from the server.
    public mutating func received(_ frame: Frame) throws(FrameError) -> ConnectionAction {
        switch frame.opcode {
        case .ping:
            return closeSent ? .none : .send(Frame(opcode: .pong, payload: frame.payload))  // §5.5.3
        case .pong:
            return .none
        case .close:
            return try receivedClose(frame.payload)
        case .text, .binary:
            guard fragmentOpcode == nil else { throw .interleavedMessage }  // §5.4
            if frame.fin { return try complete(isText: frame.opcode == .text, frame.payload) }
            fragmentOpcode = frame.opcode
            fragments = frame.payload
            return .none
        case .continuation:
            guard let opcode = fragmentOpcode else { throw .unexpectedContinuation }
            let total = UInt64(fragments.count) + UInt64(frame.payload.count)
            guard total <= UInt64(maxMessageSize) else { throw .messageTooBig(total, limit: maxMessageSize) }
            fragments.append(contentsOf: frame.payload)
            guard frame.fin else { return .none }
            fragmentOpcode = nil
            let payload = fragments
            fragments = []
            return try complete(isText: opcode == .text, payload)
        default:
            throw .reservedOpcode(frame.opcode.rawValue)
        }
    }

    /// Validates a finished message: size cap, and UTF-8 for text (§8.1, checked per message).
    private func complete(isText: Bool, _ payload: [UInt8]) throws(FrameError) -> ConnectionAction {
        guard payload.count <= maxMessageSize else {
            throw .messageTooBig(UInt64(payload.count), limit: maxMessageSize)
        }
        if isText && !UTF8Validation.isValid(payload) { throw .invalidUTF8 }
        return .deliver(Message(isText: isText, bytes: payload))
    }

    /// §5.5.1: an empty payload or a 2-byte code plus a UTF-8 reason; echo the code when we have not closed yet.
    private mutating func receivedClose(_ payload: [UInt8]) throws(FrameError) -> ConnectionAction {
        var code: CloseCode?
        var reason = ""
        if !payload.isEmpty {
            guard payload.count >= 2 else { throw .invalidClosePayload }
            let value = CloseCode(rawValue: UInt16(payload[0]) << 8 | UInt16(payload[1]))
            guard value.isValidOnWire else { throw .invalidClosePayload }
            let reasonBytes = Array(payload[2...])
            guard UTF8Validation.isValid(reasonBytes) else { throw .invalidUTF8 }
            code = value
            reason = String(decoding: reasonBytes, as: UTF8.self)
        }
        guard !closeSent else { return .peerClosed(code: code, reason: reason, reply: nil) }
        closeSent = true
        let replyPayload = code.map { FrameEncoder.closePayload($0) } ?? []
        return .peerClosed(code: code, reason: reason, reply: Frame(opcode: .close, payload: replyPayload))
    }

    /// The Close frame to send when we close first, or nil if one was already sent (§5.5.1: only once).
    public mutating func closeFrame(_ code: CloseCode, reason: String = "") -> Frame? {
        guard !closeSent else { return nil }
        closeSent = true
        return Frame(opcode: .close, payload: FrameEncoder.closePayload(code, reason: reason))
    }
}

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

/// Decides what each received frame means: fragment reassembly, control frames, close handshake, UTF-8 and size limits.
///
/// Pure: the `WebSocketClient` performs the actions.
public struct ConnectionStateMachine: Sendable {
    /// The cap on a reassembled message, in bytes.
    public let maxMessageSize: Int
    private var fragmentOpcode: Opcode?
    private var fragments: [UInt8] = []
    /// UTF-8 state of the text message being received, across fragments and partial frames (§8.1).
    private var utf8 = IncrementalUTF8()
    /// Payload bytes of the incoming frame already checked by `receivedPartial`.
    private var checkedInFrame = 0
    /// Whether we have sent a Close frame.
    public private(set) var closeSent = false

    /// A machine enforcing `maxMessageSize` on reassembled messages.
    public init(maxMessageSize: Int) { self.maxMessageSize = maxMessageSize }

    /// Interprets one frame from the server.
    public mutating func received(_ frame: Frame) throws(FrameError) -> ConnectionAction {
        let checked = checkedInFrame
        checkedInFrame = 0
        switch frame.opcode {
        case .ping:
            return closeSent ? .none : .send(Frame(opcode: .pong, payload: frame.payload))  // §5.5.3
        case .pong:
            return .none
        case .close:
            return try receivedClose(frame.payload)
        case .text, .binary:
            guard fragmentOpcode == nil else { throw .interleavedMessage }  // §5.4
            if frame.opcode == .text { try checkUTF8(frame, from: checked) }
            if frame.fin { return try complete(isText: frame.opcode == .text, frame.payload) }
            fragmentOpcode = frame.opcode
            fragments = frame.payload
            return .none
        case .continuation:
            guard let opcode = fragmentOpcode else { throw .unexpectedContinuation }
            let total = UInt64(fragments.count) + UInt64(frame.payload.count)
            guard total <= UInt64(maxMessageSize) else { throw .messageTooBig(total, limit: maxMessageSize) }
            if opcode == .text { try checkUTF8(frame, from: checked) }
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

    /// Checks the payload of a text or text-continuation frame past the `checked` bytes `receivedPartial` saw, and at
    /// the final fragment that no character was left unfinished.
    private mutating func checkUTF8(_ frame: Frame, from checked: Int) throws(FrameError) {
        if checked == 0 && frame.fin && frame.opcode == .text {  // the common case: a whole message in one frame
            guard UTF8Validation.isValid(frame.payload) else { throw .invalidUTF8 }
            return
        }
        guard checked < frame.payload.count else {
            if frame.fin { try utf8.finish() }
            return
        }
        var failure: FrameError?
        frame.payload.withUnsafeBytes { bytes in  // `withUnsafeBytes` rethrows untyped errors; carry ours out
            do throws(FrameError) {
                try utf8.append(UnsafeRawBufferPointer(rebasing: bytes[checked...]))
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        if frame.fin { try utf8.finish() }
    }

    /// Checks the payload received so far of a frame not yet complete (`FrameParser.withIncompleteFrame`).
    ///
    /// §8.1: a text message that is not UTF-8 fails the connection; checking while a large frame arrives finds it
    /// as soon as the offending byte is in, instead of after the whole message.
    public mutating func receivedPartial(opcode: Opcode, payloadSoFar: UnsafeRawBufferPointer) throws(FrameError) {
        let isText = opcode == .text ? fragmentOpcode == nil : opcode == .continuation && fragmentOpcode == .text
        guard isText, payloadSoFar.count > checkedInFrame else { return }
        try utf8.append(UnsafeRawBufferPointer(rebasing: payloadSoFar[checkedInFrame...]))
        checkedInFrame = payloadSoFar.count
    }

    /// A finished message within the size cap (its UTF-8 was checked as it arrived).
    private func complete(isText: Bool, _ payload: [UInt8]) throws(FrameError) -> ConnectionAction {
        guard payload.count <= maxMessageSize else {
            throw .messageTooBig(UInt64(payload.count), limit: maxMessageSize)
        }
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

/// UTF-8 validation of a text message that arrives in pieces (fragments, or parts of a frame): each piece is
/// checked when it arrives (§8.1), so the first impossible byte fails the connection without waiting for the rest.
///
/// Complete sequences go through `UTF8Validation`; up to 3 bytes of a character cut by a piece boundary wait in
/// `pending` and must be a prefix some valid character starts with.
private struct IncrementalUTF8: Sendable {
    private var pending: [UInt8] = []

    /// Checks the next piece of the message.
    mutating func append(_ piece: UnsafeRawBufferPointer) throws(FrameError) {
        var rest = piece[...]
        if let lead = pending.first {
            let take = min(Self.width(lead) - pending.count, rest.count)
            pending.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
            guard pending.count == Self.width(lead) else {
                guard Self.canStartCharacter(pending) else { throw .invalidUTF8 }
                return
            }
            guard UTF8Validation.isValid(pending) else { throw .invalidUTF8 }
            pending.removeAll(keepingCapacity: true)
        }
        var cut = rest.endIndex  // where an unfinished last character starts
        for index in stride(from: rest.endIndex - 1, through: max(rest.startIndex, rest.endIndex - 3), by: -1) {
            let byte = rest[index]
            if byte & 0xC0 == 0x80 { continue }  // a continuation byte: look further back for the lead
            if byte >= 0xC0 && index + Self.width(byte) > rest.endIndex { cut = index }
            break
        }
        guard UTF8Validation.isValid(UnsafeRawBufferPointer(rebasing: rest[..<cut])) else { throw .invalidUTF8 }
        guard cut < rest.endIndex else { return }
        pending.append(contentsOf: rest[cut...])
        guard Self.canStartCharacter(pending) else { throw .invalidUTF8 }
    }

    /// The message ended: a character left unfinished makes it invalid (otherwise nothing carries over).
    mutating func finish() throws(FrameError) {
        guard pending.isEmpty else { throw .invalidUTF8 }
    }

    /// The sequence length a lead byte announces (leads no character may start with fail in `UTF8Validation`).
    private static func width(_ lead: UInt8) -> Int { lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1 }

    /// Whether the unfinished sequence `bytes` is the start of some valid character.
    private static func canStartCharacter(_ bytes: [UInt8]) -> Bool {
        guard let lead = bytes.first, (0xC2...0xF4).contains(lead) else { return false }
        guard bytes.count > 1 else { return true }
        // The second byte carries the lead's special range (no overlongs, surrogates or > U+10FFFF); the rest
        // are plain continuations, so completing with 0x80 keeps exactly the bytes' own validity.
        return UTF8Validation.isValid(bytes + repeatElement(0x80, count: width(lead) - bytes.count))
    }
}

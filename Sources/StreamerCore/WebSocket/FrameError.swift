/// Ways the server's byte stream can break RFC 6455; each maps to the Close code we answer with.
public enum FrameError: Error, Equatable, Sendable, CustomStringConvertible {
    /// §5.2: RSV1–3 set without a negotiated extension.
    case reservedBitsSet
    /// §5.1: a client must fail the connection on a masked server frame.
    case maskedFrameFromServer
    /// §5.2: reserved opcode.
    case reservedOpcode(UInt8)
    /// §5.5: control frames must not be fragmented.
    case fragmentedControlFrame
    /// §5.5: control payloads are at most 125 bytes.
    case controlPayloadTooLong(UInt64)
    /// §5.2: the 64-bit length must have its top bit clear; §5.2 also requires minimal length encoding.
    case invalidLength(UInt64)
    /// A frame or reassembled message above the configured cap.
    case messageTooBig(UInt64, limit: Int)
    /// §5.4: a continuation with no message started, or a new message inside a fragmented one.
    case unexpectedContinuation
    /// §5.4: a text/binary frame started while a fragmented message was still open.
    case interleavedMessage
    /// §8.1: a text message (or close reason) that is not UTF-8.
    case invalidUTF8
    /// §5.5.1: a close payload of 1 byte, or a close code not allowed on the wire.
    case invalidClosePayload

    /// The code to send in our Close frame.
    public var closeCode: CloseCode {
        switch self {
        case .invalidUTF8: .invalidPayload
        case .messageTooBig: .messageTooBig
        default: .protocolError
        }
    }

    public var description: String {
        switch self {
        case .reservedBitsSet: "frame with reserved bits set"
        case .maskedFrameFromServer: "masked frame from the server"
        case .reservedOpcode(let code): "frame with reserved opcode \(code)"
        case .fragmentedControlFrame: "fragmented control frame"
        case .controlPayloadTooLong(let length): "control frame of \(length) bytes (limit 125)"
        case .invalidLength(let length): "invalid frame length \(length)"
        case .messageTooBig(let length, let limit):
            "message of \(length) bytes exceeds the limit of \(limit) bytes (see --max-message-size)"
        case .unexpectedContinuation: "continuation frame without a message to continue"
        case .interleavedMessage: "new message started inside a fragmented message"
        case .invalidUTF8: "text message is not valid UTF-8"
        case .invalidClosePayload: "invalid close frame payload"
        }
    }
}

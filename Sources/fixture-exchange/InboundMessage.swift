/// A complete client message or control frame, as the session sees it.
enum InboundMessage: Equatable, Sendable {
    case text(String)
    case binary([UInt8])
    case ping([UInt8])
    case pong([UInt8])
    /// `code` is nil when the Close frame had no payload (§5.5.1).
    case close(code: UInt16?, reason: String)
}

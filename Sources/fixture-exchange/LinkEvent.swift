/// What waiting on an upgraded client produced.
enum LinkEvent: Equatable, Sendable {
    /// A text, binary, pong or Close message (pings are answered inside `PeerLink`).
    case message(InboundMessage)
    case timedOut
    case endOfStream
    /// The client broke RFC 6455; the connection must be failed with `violation.closeCode`.
    case violation(ProtocolViolation)
    case failed(ConnectionError)
}

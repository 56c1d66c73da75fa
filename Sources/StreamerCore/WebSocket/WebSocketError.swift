/// Failures of a WebSocket connection, from connect to close.
public enum WebSocketError: Error, Equatable, CustomStringConvertible {
    /// DNS, TCP, TLS or socket I/O.
    case transport(TransportError)
    /// The opening handshake failed.
    case handshake(peer: String, HandshakeError)
    /// The server broke RFC 6455; we sent Close with `error.closeCode`.
    case protocolViolation(peer: String, FrameError)
    /// The server sent Close with a status other than normal or going away.
    case closedByServer(peer: String, code: CloseCode?, reason: String)
    /// The TCP connection ended without a Close frame.
    case connectionLost(peer: String)

    public var description: String {
        switch self {
        case .transport(let error): error.description
        case .handshake(let peer, let error): "WebSocket handshake with \(peer) failed: \(error)"
        case .protocolViolation(let peer, let error):
            "protocol error from \(peer): \(error) (closed with \(error.closeCode))"
        case .closedByServer(let peer, let code, let reason):
            "\(peer) closed the connection with status \(code.map(String.init(describing:)) ?? "none")"
                + (reason.isEmpty ? "" : ": \(reason)")
        case .connectionLost(let peer): "connection to \(peer) was closed without a WebSocket close frame"
        }
    }
}

/// Failures below the WebSocket layer: DNS, TCP, TLS and socket I/O.
///
/// Each names host, port and step.
public enum TransportError: Error, Equatable, CustomStringConvertible {
    /// getaddrinfo failed.
    case resolve(host: String, reason: String)
    /// Every address refused or timed out.
    case connect(peer: String, reason: String)
    /// TLS context or handshake failure, with OpenSSL's reason.
    case tlsHandshake(peer: String, reason: String)
    /// The peer's certificate failed verification (untrusted, expired, wrong name): not worth retrying.
    case certificateRejected(peer: String, reason: String)
    /// The extra CA file could not be loaded.
    case caFile(path: String, reason: String)
    /// A read or write on an established connection failed.
    case io(peer: String, step: String, reason: String)
    /// A step did not finish in time.
    case timeout(peer: String, step: String)

    public var description: String {
        switch self {
        case .resolve(let host, let reason): "could not resolve '\(host)': \(reason)"
        case .connect(let peer, let reason): "could not connect to \(peer): \(reason)"
        case .tlsHandshake(let peer, let reason): "TLS handshake with \(peer) failed: \(reason)"
        case .certificateRejected(let peer, let reason): "TLS handshake with \(peer) failed: \(reason)"
        case .caFile(let path, let reason): "cannot load CA certificates from '\(path)': \(reason)"
        case .io(let peer, let step, let reason): "\(step) \(peer) failed: \(reason)"
        case .timeout(let peer, let step): "\(step) \(peer) timed out"
        }
    }
}

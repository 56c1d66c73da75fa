/// Failures the session itself detects.
public enum SessionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing arrived (no data, no pong, no heartbeat reply) for the idle timeout.
    case idle(peer: String, seconds: Int64)
    /// Reconnecting gave up after `attempts`; `last` says why the last attempt failed.
    case retriesExhausted(attempts: Int, last: String)
    /// The exchange did not answer the `authenticate` action in time.
    case noAuthenticationReply(peer: String, seconds: Int64)
    /// A WebSocket token could not be fetched for a reason worth retrying (network, server error).
    case tokenUnavailable(String)

    public var description: String {
        switch self {
        case .idle(let peer, let seconds):
            "no data, pong or heartbeat from \(peer) for \(seconds) s (see --idle-timeout)"
        case .retriesExhausted(let attempts, let last):
            "gave up after \(attempts) \(attempts == 1 ? "retry" : "retries"): \(last)"
        case .noAuthenticationReply(let peer, let seconds): "\(peer) did not answer 'authenticate' within \(seconds) s"
        case .tokenUnavailable(let reason): "could not get a WebSocket token: \(reason)"
        }
    }
}

/// Failures the session itself detects.
public enum SessionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing arrived (no data, no pong, no heartbeat reply) for the idle timeout.
    case idle(peer: String, seconds: Int64)
    /// Reconnecting gave up after `attempts`; `last` says why the last attempt failed.
    case retriesExhausted(attempts: Int, last: String)

    public var description: String {
        switch self {
        case .idle(let peer, let seconds):
            "no data, pong or heartbeat from \(peer) for \(seconds) s (see --idle-timeout)"
        case .retriesExhausted(let attempts, let last):
            "gave up after \(attempts) \(attempts == 1 ? "retry" : "retries"): \(last)"
        }
    }
}

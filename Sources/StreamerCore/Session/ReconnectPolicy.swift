/// When to reconnect after a lost connection: exponential backoff with full jitter from 0.5 s to a 30 s cap, reset
/// after a healthy minute, bounded by `--max-retries`.
///
/// Pure: the session supplies times and randomness.
public struct ReconnectPolicy: Sendable {
    /// What to do after a failure.
    public enum Decision: Equatable, Sendable {
        /// Wait this many nanoseconds, then try again (attempt number, from 1).
        case retry(afterNanoseconds: Int64, attempt: Int)
        /// Stop: retries are disabled or exhausted.
        case giveUp
    }

    /// Whether reconnecting is on (`--no-reconnect` turns it off).
    public let enabled: Bool
    /// Retries allowed in a row without a healthy connection; nil for no limit (`--max-retries`).
    public let maxRetries: Int?
    /// The first backoff ceiling.
    public let baseNanoseconds: Int64 = 500_000_000
    /// The largest backoff.
    public let capNanoseconds: Int64 = 30_000_000_000
    /// A connection that lived this long resets the backoff.
    public let healthyNanoseconds: Int64 = 60_000_000_000
    private var failures = 0
    private var connectedAt: Int64?

    /// A policy; `maxRetries` nil retries forever.
    public init(enabled: Bool = true, maxRetries: Int? = nil) {
        self.enabled = enabled
        self.maxRetries = maxRetries
    }

    /// A connection was established at `now`.
    public mutating func connected(at now: Int64) {
        connectedAt = now
    }

    /// A connection attempt failed or a connection was lost at `now`; `random` is uniform over all of `UInt64`.
    public mutating func failed(at now: Int64, random: UInt64) -> Decision {
        if let connectedAt, now - connectedAt >= healthyNanoseconds { failures = 0 }  // it had been healthy
        connectedAt = nil
        guard enabled else { return .giveUp }
        if let maxRetries, failures >= maxRetries { return .giveUp }
        failures += 1
        let exponent = min(failures - 1, 16)
        let ceiling = min(capNanoseconds, baseNanoseconds << Int64(exponent))
        // Full jitter: uniform in [0, ceiling) (the scaled high word of ceiling × random / 2^64).
        let delay = Int64(UInt64(ceiling).multipliedFullWidth(by: random).high)
        return .retry(afterNanoseconds: delay, attempt: failures)
    }
}

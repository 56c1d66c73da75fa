/// What one read from a client produced.
enum ReadResult: Equatable, Sendable {
    case bytes([UInt8])
    case endOfStream
    case timedOut
}

/// Why reading from or writing to a client failed.
enum ConnectionError: Error, Equatable, Sendable, CustomStringConvertible {
    case system(SystemCallError)
    /// An OpenSSL call failed; `reason` is the drained error queue.
    case tls(step: String, reason: String)

    var description: String {
        switch self {
        case .system(let error): "\(error)"
        case .tls(let step, let reason): "TLS \(step) failed: \(reason)"
        }
    }
}

/// The bytes of one client connection, over plain TCP or TLS.
protocol Connection: AnyObject {
    /// Reads what is available, waiting until `deadline` at most; a past deadline only checks.
    func read(until deadline: ContinuousClock.Instant) throws(ConnectionError) -> ReadResult
    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws(ConnectionError)
    /// Ends the connection in order (TLS close_notify, then TCP FIN); later calls do nothing.
    func close()
    /// Aborts the connection with a TCP RST; later calls do nothing.
    func reset()
}

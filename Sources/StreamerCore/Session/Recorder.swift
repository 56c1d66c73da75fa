/// Writes `--record FILE`: the header, then one JSON line per text message received (with its receive time and
/// connection number), connection opened or lost, REST book snapshot and printing tick, so `streamer replay` can rerun the
/// session offline (`RecordedEntry` has the line format).
///
/// Buffered: written when 64 KiB are pending and whenever the session flushes its output, fsync'ed by `close()`.
/// Write failures are `OutputError`s (exit 74) naming the file.
public final class Recorder {
    private let file: LineFile
    private var line: [UInt8] = []
    /// Connection numbers by client, assigned in connection order from 1.
    private var connections: [ObjectIdentifier: Int] = [:]
    private var connectionCount = 0
    /// A failure from a hook that cannot throw it (snapshot fetches report every error as a failed snapshot),
    /// thrown by the next call that can.
    private var deferredFailure: OutputError?

    /// Creates (or truncates) `path` and writes `header` to it at once, so an unwritable path fails before connecting.
    public init(path: String, header: RecordingHeader) throws(OutputError) {
        do {
            file = try LineFile(creating: path)
        } catch {
            throw Self.failure(path, error)
        }
        header.append(to: &line)
        try write()
        try flush()
    }

    /// Numbers a connection opened at `recv` (from `StreamSession.connect`) and records that it opened.
    func connected(_ client: AnyObject, at recv: Timestamp) throws(OutputError) {
        connectionCount += 1
        connections[ObjectIdentifier(client)] = connectionCount
        try record(.connected(recv: recv, connection: connectionCount))
    }

    /// Records a text message `client` delivered at `recv` (from the top of `StreamSession.handle`).
    func message(_ text: [UInt8], from client: AnyObject, at recv: Timestamp) throws(OutputError) {
        let connection = connections[ObjectIdentifier(client)] ?? max(connectionCount, 1)
        try record(.message(recv: recv, connection: connection, text: text))
    }

    /// Records a fetched REST snapshot body (errors are deferred: see `deferredFailure`).
    func snapshot(of market: Market, body: [UInt8], at recv: Timestamp) {
        recordDeferringFailure(.snapshot(recv: recv, market: market, body: body))
    }

    /// Records a failed REST snapshot fetch (errors are deferred: see `deferredFailure`).
    func snapshotFailed(of market: Market, reason: String, at recv: Timestamp) {
        recordDeferringFailure(.snapshotFailed(recv: recv, market: market, reason: reason))
    }

    /// Records a clock tick that printed something.
    func tick(at recv: Timestamp) throws(OutputError) {
        try record(.tick(recv: recv))
    }

    /// Records a lost connection and flushes (a backoff may follow).
    func disconnect(at recv: Timestamp) throws(OutputError) {
        try record(.disconnect(recv: recv))
        try flush()
    }

    /// Writes everything pending.
    public func flush() throws(OutputError) {
        if let deferredFailure { throw deferredFailure }
        do { try file.flush() } catch { throw Self.failure(file.path, error) }
    }

    /// Flushes, fsyncs and closes the file (the end of a run).
    public func close() throws(OutputError) {
        if let deferredFailure { throw deferredFailure }
        do { try file.close() } catch { throw Self.failure(file.path, error) }
    }

    /// Appends `entry` to the buffer.
    func record(_ entry: RecordedEntry) throws(OutputError) {
        if let deferredFailure { throw deferredFailure }
        entry.append(to: &line)
        try write()
    }

    private func recordDeferringFailure(_ entry: RecordedEntry) {
        do throws(OutputError) { try record(entry) } catch { deferredFailure = error }
    }

    /// Moves the encoded line into the file's buffer.
    private func write() throws(OutputError) {
        defer { line.removeAll(keepingCapacity: true) }
        do {
            try file.append { $0.append(contentsOf: line) }
        } catch {
            throw Self.failure(file.path, error)
        }
    }

    private static func failure(_ path: String, _ error: SystemCallError) -> OutputError {
        .writeFailed(destination: "recording '\(path)'", reason: Platform.describe(errno: error.errno))
    }
}

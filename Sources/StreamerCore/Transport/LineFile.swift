#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written in whole lines through a buffer (`--record`): created or truncated with mode 0644, written when the
/// buffer fills or on `flush()`, fsync'ed and closed by `close()`.
final class LineFile {
    /// The path, for messages.
    let path: String
    private var fd: Int32
    private var pending: [UInt8] = []
    private let batchBytes: Int

    /// Creates (or truncates) `path` for writing; throws when it cannot be opened.
    init(creating path: String, batchBytes: Int = 64 << 10) throws(SystemCallError) {
        self.path = path
        self.batchBytes = batchBytes
        fd = try syscall("open") { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        pending.reserveCapacity(batchBytes + 4096)
    }

    deinit {
        if fd >= 0 { closeDescriptor(fd) }
    }

    /// Lets `body` append whole lines to the buffer; writes once `batchBytes` are pending.
    func append(_ body: (inout [UInt8]) -> Void) throws(SystemCallError) {
        body(&pending)
        if pending.count >= batchBytes { try flush() }
    }

    /// Writes everything pending; on failure the pending bytes are dropped (the caller stops the run).
    func flush() throws(SystemCallError) {
        guard !pending.isEmpty, fd >= 0 else { return }
        defer { pending.removeAll(keepingCapacity: true) }
        let descriptor = fd
        var failure: SystemCallError?
        pending.withUnsafeBytes { raw in
            do throws(SystemCallError) { try Platform.writeAll(descriptor, raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Flushes, fsyncs (EINVAL from pipes and devices, which cannot be synced, is fine) and closes; idempotent.
    func close() throws(SystemCallError) {
        guard fd >= 0 else { return }
        let descriptor = fd
        defer {
            closeDescriptor(descriptor)
            fd = -1
        }
        try flush()
        if fsync(descriptor) != 0 && errno != EINVAL { throw SystemCallError(call: "fsync", errno: errno) }
    }
}

/// libc's close(2), out of reach of `LineFile.close()`'s name.
private func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}

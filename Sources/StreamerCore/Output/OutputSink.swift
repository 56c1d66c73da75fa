#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Failures writing the data stream.
public enum OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The reader closed the pipe (`| head`): a normal way to finish.
    case readerClosed
    /// A write failed (disk full, I/O error).
    case writeFailed(destination: String, reason: String)

    public var description: String {
        switch self {
        case .readerClosed: "the reader closed standard output"
        case .writeFailed(let destination, let reason): "cannot write to \(destination): \(reason)"
        }
    }
}

/// The only writer to fd 1.
///
/// Lines are appended whole and written in batches; the session flushes whenever the input goes quiet, so a pipe reader
/// sees every event promptly.
public final class OutputSink {
    private let fd: Int32
    private let destination: String
    /// Written by one thread, never re-entrantly: no runtime exclusivity check on every line (see StreamSession).
    @exclusivity(unchecked) private var pending: [UInt8] = []
    private let batchBytes: Int
    /// Bytes written so far.
    public private(set) var bytesWritten = 0

    /// A sink writing to `fd` (stdout by default), flushing on its own once `batchBytes` are pending.
    public init(fd: Int32 = 1, destination: String = "standard output", batchBytes: Int = 64 << 10) {
        self.fd = fd
        self.destination = destination
        self.batchBytes = batchBytes
        pending.reserveCapacity(batchBytes + 4096)
    }

    /// Lets `body` append whole lines to the pending buffer; writes when the batch is full.
    public func append(_ body: (inout [UInt8]) -> Void) throws(OutputError) {
        body(&pending)
        if pending.count >= batchBytes { try flush() }
    }

    /// Writes everything pending with as few `write(2)` calls as the kernel allows.
    public func flush() throws(OutputError) {
        guard !pending.isEmpty else { return }
        var failure: OutputError?
        pending.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                guard let base = raw.baseAddress else { return }
                let count = write(fd, base + offset, raw.count - offset)
                if count >= 0 {
                    offset += count
                    continue
                }
                let code = errno
                if code == EINTR { continue }
                failure =
                    code == EPIPE
                    ? .readerClosed : .writeFailed(destination: destination, reason: String(cString: strerror(code)))
                return
            }
        }
        if let failure {
            pending.removeAll(keepingCapacity: true)
            throw failure
        }
        bytesWritten += pending.count
        pending.removeAll(keepingCapacity: true)
    }
}

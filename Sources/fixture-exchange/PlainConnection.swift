#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A client connection over plain TCP (`ws://`).
final class PlainConnection: Connection {
    private let fd: Int32
    private var isOpen = true

    /// Takes ownership of the connected socket `fd`.
    init(fd: Int32) {
        self.fd = fd
    }

    deinit {
        close()
    }

    /// Reads what the client sent, waiting until `deadline` at most.
    func read(until deadline: ContinuousClock.Instant) throws(ConnectionError) -> ReadResult {
        do {
            guard try Platform.waitReadable(fd, until: deadline) else { return .timedOut }
            var buffer = [UInt8](repeating: 0, count: 16 * 1024)
            let count = try syscall("recv") { buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) } }
            return count == 0 ? .endOfStream : .bytes(Array(buffer.prefix(count)))
        } catch {
            throw .system(error)
        }
    }

    /// Writes all of `bytes` (MSG_NOSIGNAL: a gone client is an error, not SIGPIPE).
    func write(_ bytes: [UInt8]) throws(ConnectionError) {
        var offset = 0
        while offset < bytes.count {
            do {
                offset += try syscall("send") {
                    bytes.withUnsafeBytes { buffer in
                        send(fd, buffer.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL))
                    }
                }
            } catch {
                throw .system(error)
            }
        }
    }

    /// Closes in order: FIN; later calls do nothing.
    func close() {
        guard isOpen else { return }
        isOpen = false
        Platform.closeGracefully(fd)
    }

    /// Aborts with RST; later calls do nothing.
    func reset() {
        guard isOpen else { return }
        isOpen = false
        Platform.abort(fd)
    }
}

import COpenSSL

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A client connection over TLS (`wss://`), after a completed handshake.
final class TLSConnection: Connection {
    private let ssl: OpaquePointer
    private let fd: Int32
    private var isOpen = true

    /// Takes ownership of `ssl` and the socket `fd` under it.
    init(ssl: OpaquePointer, fd: Int32) {
        self.ssl = ssl
        self.fd = fd
    }

    deinit {
        close()
        SSL_free(ssl)
    }

    /// Reads what the client sent (already-decrypted bytes first), waiting until `deadline` at most.
    func read(until deadline: ContinuousClock.Instant) throws(ConnectionError) -> ReadResult {
        if SSL_pending(ssl) == 0 {  // decrypted bytes already buffered would never wake poll(2)
            do {
                guard try Platform.waitReadable(fd, until: deadline) else { return .timedOut }
            } catch {
                throw .system(error)
            }
        }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        ERR_clear_error()
        let count = buffer.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
        if count > 0 { return .bytes(Array(buffer.prefix(Int(count)))) }
        let code = errno
        switch SSL_get_error(ssl, count) {
        case SSL_ERROR_ZERO_RETURN:
            return .endOfStream
        case SSL_ERROR_WANT_READ:
            return .timedOut  // only a non-application record arrived
        case SSL_ERROR_SYSCALL where code == 0 || code == ECONNRESET:
            return .endOfStream
        case SSL_ERROR_SYSCALL:
            throw .system(SystemCallError(call: "SSL_read", errno: code))
        default:
            throw .tls(step: "read", reason: OpenSSLError.drain())
        }
    }

    /// Writes all of `bytes` as TLS records.
    func write(_ bytes: [UInt8]) throws(ConnectionError) {
        guard !bytes.isEmpty else { return }
        ERR_clear_error()
        let written = bytes.withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) }
        guard written == Int32(bytes.count) else {  // no partial writes: SSL_MODE_ENABLE_PARTIAL_WRITE is off
            let code = errno
            if SSL_get_error(ssl, written) == SSL_ERROR_SYSCALL {
                throw .system(SystemCallError(call: "SSL_write", errno: code))
            }
            throw .tls(step: "write", reason: OpenSSLError.drain())
        }
    }

    /// Closes in order: close_notify, then FIN; later calls do nothing.
    func close() {
        guard isOpen else { return }
        isOpen = false
        ERR_clear_error()
        _ = SSL_shutdown(ssl)  // sends close_notify; not waiting for the client's
        ERR_clear_error()
        Platform.closeGracefully(fd)
    }

    /// Aborts with RST, without close_notify; later calls do nothing.
    func reset() {
        guard isOpen else { return }
        isOpen = false
        Platform.abort(fd)
    }
}

import COpenSSL

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A TLS client session over a `TCPConnection`: SNI, hostname (or IP) verification, peer verification
/// against the system CA store (plus `--cacert`), TLS 1.2 minimum.
public final class TLSSession: ByteStream {
    private let tcp: TCPConnection
    private let ssl: OpaquePointer
    public var peerName: String { tcp.peerName }

    private init(tcp: TCPConnection, ssl: OpaquePointer) {
        self.tcp = tcp
        self.ssl = ssl
    }

    deinit {
        SSL_free(ssl)
    }

    /// Runs the TLS handshake over `tcp` for `host`, failing after `timeoutMilliseconds`.
    public static func handshake(
        over tcp: TCPConnection, host: String, options: TLSOptions, timeoutMilliseconds: Int32
    ) throws(TransportError) -> TLSSession {
        let peer = tcp.peerName
        let context = try TLSContextCache.context(for: options, peer: peer)
        ERR_clear_error()
        guard let ssl = SSL_new(context) else {  // holds its own reference to the shared context
            throw .tlsHandshake(peer: peer, reason: OpenSSLErrors.drain())
        }
        let session = TLSSession(tcp: tcp, ssl: ssl)
        try session.configurePeerIdentity(host: host, verify: !options.insecure)
        SSL_set_fd(ssl, tcp.fd)
        try session.connect(timeoutMilliseconds: timeoutMilliseconds)
        return session
    }

    /// SNI for names (RFC 6066 forbids IP literals there) and the identity the certificate must match.
    private func configurePeerIdentity(host: String, verify: Bool) throws(TransportError) {
        let isIPAddress = host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
        if !isIPAddress { _ = streamer_set_sni(ssl, host) }
        guard verify else { return }
        let ok =
            isIPAddress
            ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host) : SSL_set1_host(ssl, host)
        guard ok == 1 else { throw .tlsHandshake(peer: peerName, reason: "cannot verify against '\(host)'") }
    }

    private func connect(timeoutMilliseconds: Int32) throws(TransportError) {
        let deadline = Platform.monotonicNanoseconds() + Int64(timeoutMilliseconds) * 1_000_000
        while true {
            ERR_clear_error()
            let result = SSL_connect(ssl)
            if result == 1 { return }
            let error = SSL_get_error(ssl, result)
            let remaining = Int32(max(0, (deadline - Platform.monotonicNanoseconds()) / 1_000_000))
            switch error {
            case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                guard remaining > 0 else { throw .timeout(peer: peerName, step: "TLS handshake with") }
                let events = Int16(error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT)
                _ = try tcp.wait(for: events, timeoutMilliseconds: remaining)
            default:
                let reason = handshakeFailureReason(error: error)
                if SSL_get_verify_result(ssl) != X509_V_OK {
                    throw .certificateRejected(peer: peerName, reason: reason)
                }
                throw .tlsHandshake(peer: peerName, reason: reason)
            }
        }
    }

    /// OpenSSL's reason, with the certificate verification detail when that is what failed.
    private func handshakeFailureReason(error: Int32) -> String {
        var reason = OpenSSLErrors.drain()
        let verify = SSL_get_verify_result(ssl)
        if verify != X509_V_OK {
            let detail = String(cString: X509_verify_cert_error_string(verify))
            reason = reason.isEmpty ? "certificate verify failed" : reason
            return "\(reason) (\(detail))"
        }
        if reason.isEmpty {
            return error == SSL_ERROR_SYSCALL ? "connection closed by peer during handshake" : "SSL error \(error)"
        }
        return reason
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int? {
        ERR_clear_error()
        let count = SSL_read(ssl, buffer.baseAddress, Int32(min(buffer.count, Int(Int32.max))))
        if count > 0 { return Int(count) }
        let error = SSL_get_error(ssl, count)
        switch error {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE: return nil
        case SSL_ERROR_ZERO_RETURN: return 0
        case SSL_ERROR_SYSCALL where ERR_peek_error() == 0:
            let code = errno
            if count == 0 || code == 0 { return 0 }  // EOF without close_notify: treated as end of stream
            throw .io(peer: peerName, step: "reading from", reason: Platform.describe(errno: code))
        default:
            throw .io(peer: peerName, step: "reading from", reason: OpenSSLErrors.drain())
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer, timeoutMilliseconds: Int32) throws(TransportError) {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            ERR_clear_error()
            let count = SSL_write(ssl, base, Int32(min(remaining, Int(Int32.max))))
            if count > 0 {
                base += Int(count)
                remaining -= Int(count)
                continue
            }
            let error = SSL_get_error(ssl, count)
            switch error {
            case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                let events = Int16(error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT)
                guard try tcp.wait(for: events, timeoutMilliseconds: timeoutMilliseconds) else {
                    throw .timeout(peer: peerName, step: "writing to")
                }
            case SSL_ERROR_SYSCALL where ERR_peek_error() == 0:
                throw .io(peer: peerName, step: "writing to", reason: Platform.describe(errno: errno))
            default:
                throw .io(peer: peerName, step: "writing to", reason: OpenSSLErrors.drain())
            }
        }
    }

    /// Checks `SSL_pending` before polling: decrypted bytes may already wait inside OpenSSL.
    public func waitUntilReadable(timeoutMilliseconds: Int32) throws(TransportError) -> Bool {
        if SSL_pending(ssl) > 0 { return true }
        return try tcp.wait(for: Int16(POLLIN), timeoutMilliseconds: timeoutMilliseconds)
    }

    public func close() {
        if tcp.fd >= 0 { _ = SSL_shutdown(ssl) }  // best effort close_notify; the peer may be gone
        tcp.close()
    }
}

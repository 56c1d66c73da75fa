import COpenSSL
import Synchronization

/// Why the server's TLS configuration could not be set up.
struct TLSSetupError: Error, Equatable, CustomStringConvertible {
    let step: String
    let reason: String
    var description: String { "\(step): \(reason)" }
}

/// The server's TLS configuration: a certificate chain and its key, TLS 1.2 or newer.
final class TLSContext: Sendable {
    private let context: Mutex<OpaquePointer>

    /// Loads the PEM certificate chain and private key and checks that they belong together.
    init(certificateFile: String, keyFile: String) throws(TLSSetupError) {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_server_method()) else {
            throw TLSSetupError(step: "SSL_CTX_new", reason: OpenSSLError.drain())
        }
        do throws(TLSSetupError) {
            guard streamer_require_tls12(context) == 1 else {
                throw TLSSetupError(step: "setting TLS 1.2 as the minimum", reason: OpenSSLError.drain())
            }
            guard SSL_CTX_use_certificate_chain_file(context, certificateFile) == 1 else {
                throw TLSSetupError(step: "cannot load certificate '\(certificateFile)'", reason: OpenSSLError.drain())
            }
            guard SSL_CTX_use_PrivateKey_file(context, keyFile, SSL_FILETYPE_PEM) == 1 else {
                throw TLSSetupError(step: "cannot load key '\(keyFile)'", reason: OpenSSLError.drain())
            }
            guard SSL_CTX_check_private_key(context) == 1 else {
                throw TLSSetupError(
                    step: "key '\(keyFile)' does not match the certificate", reason: OpenSSLError.drain())
            }
        } catch {
            SSL_CTX_free(context)
            throw error
        }
        // A client that closes TCP without close_notify then reads as end of stream, like plain TCP.
        SSL_CTX_set_options(context, streamer_op_ignore_unexpected_eof())
        _ = streamer_ctx_set_mode(context, streamer_mode_auto_retry())
        self.context = Mutex(context)
    }

    deinit {
        context.withLock { SSL_CTX_free($0) }
    }

    /// Runs the server side of the TLS handshake on the accepted socket `fd`, which the result then owns.
    func accept(fd: Int32) throws(ConnectionError) -> TLSConnection {
        ERR_clear_error()
        guard let ssl = context.withLock({ SSL_new($0) }) else {
            Platform.closeGracefully(fd)
            throw .tls(step: "SSL_new", reason: OpenSSLError.drain())
        }
        let connection = TLSConnection(ssl: ssl, fd: fd)
        guard SSL_set_fd(ssl, fd) == 1 else {
            connection.reset()
            throw .tls(step: "SSL_set_fd", reason: OpenSSLError.drain())
        }
        let result = SSL_accept(ssl)
        guard result == 1 else {
            let reason = OpenSSLError.drain(fallback: "SSL_get_error \(SSL_get_error(ssl, result))")
            connection.reset()
            throw .tls(step: "handshake", reason: reason)
        }
        return connection
    }
}

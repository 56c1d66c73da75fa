import COpenSSL
import Synchronization

/// One configured OpenSSL client context per set of TLS options for the whole process.
///
/// The system CA store (the distribution's bundle, about 140 certificates) is parsed when a context is made; sharing
/// the context means it is parsed once, not again for the REST snapshot beside the WebSocket or for every reconnect
/// (about 0.75 MiB of heap and a few milliseconds each time).
enum TLSContextCache {
    /// A context pointer the cache may hold across threads: OpenSSL contexts are safe to share once configured, and
    /// these are never changed after `make`.
    private struct Shared: @unchecked Sendable {
        let context: OpaquePointer
    }

    private static let contexts = Mutex<[TLSOptions: Shared]>([:])

    /// The context for `options`, made on first use; a failure, such as an unreadable `--cacert`, is not cached.
    static func context(for options: TLSOptions, peer: String) throws(TransportError) -> OpaquePointer {
        try contexts.withLock { (cache) throws(TransportError) -> OpaquePointer in
            if let shared = cache[options] { return shared.context }
            let context = try make(options, peer: peer)
            cache[options] = Shared(context: context)
            return context
        }
    }

    /// A new client context: TLS 1.2 or later, partial writes, and peer verification against the system store plus
    /// `extraCAFile` unless `insecure`.
    private static func make(_ options: TLSOptions, peer: String) throws(TransportError) -> OpaquePointer {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw .tlsHandshake(peer: peer, reason: OpenSSLErrors.drain())
        }
        guard streamer_require_tls12(context) == 1 else {
            SSL_CTX_free(context)
            throw .tlsHandshake(peer: peer, reason: OpenSSLErrors.drain())
        }
        _ = streamer_ctx_set_mode(
            context, streamer_mode_enable_partial_write() | streamer_mode_accept_moving_write_buffer())
        if options.insecure {
            SSL_CTX_set_verify(context, Int32(streamer_verify_none()), nil)
        } else {
            SSL_CTX_set_verify(context, Int32(streamer_verify_peer()), nil)
            SSL_CTX_set_default_verify_paths(context)
            if let file = options.extraCAFile, SSL_CTX_load_verify_locations(context, file, nil) != 1 {
                let reason = OpenSSLErrors.drain()
                SSL_CTX_free(context)
                throw .caFile(path: file, reason: reason)
            }
        }
        return context
    }
}

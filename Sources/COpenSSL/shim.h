#ifndef STREAMER_COPENSSL_SHIM_H
#define STREAMER_COPENSSL_SHIM_H
// OpenSSL exposes several calls only as macros, which Swift cannot see; these static inline
// wrappers make them callable (GRDB's shim.h pattern).
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/x509v3.h>

/// SNI: SSL_set_tlsext_host_name is a macro over SSL_ctrl.
static inline long streamer_set_sni(SSL *ssl, const char *host) {
    return SSL_set_tlsext_host_name(ssl, host);
}
/// TLS 1.2 as the lowest protocol version (SSL_CTX_set_min_proto_version is a macro).
static inline int streamer_require_tls12(SSL_CTX *ctx) {
    return (int)SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
}
/// SSL_CTX_set_mode is a macro; used for SSL_MODE_AUTO_RETRY and partial writes.
static inline long streamer_ctx_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}
static inline long streamer_mode_auto_retry(void) { return SSL_MODE_AUTO_RETRY; }
static inline long streamer_mode_accept_moving_write_buffer(void) { return SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER; }
static inline long streamer_mode_enable_partial_write(void) { return SSL_MODE_ENABLE_PARTIAL_WRITE; }
static inline unsigned long streamer_verify_peer(void) { return SSL_VERIFY_PEER; }
static inline unsigned long streamer_verify_none(void) { return SSL_VERIFY_NONE; }

/// SSL_OP_IGNORE_UNEXPECTED_EOF (OpenSSL 3; a function-like macro): a peer that closes TCP without
/// close_notify reads as end of stream instead of an error. 0 where the option does not exist.
static inline uint64_t streamer_op_ignore_unexpected_eof(void) {
#ifdef SSL_OP_IGNORE_UNEXPECTED_EOF
    return (uint64_t)SSL_OP_IGNORE_UNEXPECTED_EOF;
#else
    return 0;
#endif
}

#endif

import COpenSSL

/// HMAC-SHA256 (RFC 2104 over FIPS 180-4 SHA-256) through OpenSSL, as both exchanges sign requests.
enum HMACSHA256 {
    /// The documented Bitvavo vector (exchange-messages.md §B.4): key, message and lowercase hex digest.
    static let knownAnswer = (
        key: "bitvavo", message: "1548175200641GET/v2/websocket",
        digest: "653fc0505431c63a043273da4bd2f0927eae83948d796084f313e5d1131b0d6f"
    )

    /// The lowercase hex HMAC-SHA256 of `message` under `key`; nil if OpenSSL fails.
    static func hex(key: String, message: String) -> String? {
        hex(key: Array(key.utf8), message: Array(message.utf8))
    }

    /// The lowercase hex HMAC-SHA256 of `message` under `key`; nil if OpenSSL fails.
    static func hex(key: [UInt8], message: [UInt8]) -> String? {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        // The trailing 0 keeps both buffers non-empty, so their base addresses are never nil; it is not hashed.
        let keyBuffer = key + [0]
        let messageBuffer = message + [0]
        let result = keyBuffer.withUnsafeBufferPointer { keyBytes in
            messageBuffer.withUnsafeBufferPointer { messageBytes in
                HMAC(
                    EVP_sha256(), keyBytes.baseAddress, Int32(key.count), messageBytes.baseAddress, message.count,
                    &digest, &length)
            }
        }
        guard result != nil, length == 32 else { return nil }
        return digest.prefix(Int(length)).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// Whether OpenSSL reproduces `knownAnswer` (checked at startup before any signature is trusted).
    static var passesKnownAnswerTest: Bool {
        hex(key: knownAnswer.key, message: knownAnswer.message) == knownAnswer.digest
    }
}

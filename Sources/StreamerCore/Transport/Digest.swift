import COpenSSL

/// Hashes and random bytes from OpenSSL, for the WebSocket handshake and masking keys.
public enum Digest {
    /// SHA-1 of `bytes` (RFC 6455 §4.2.2 uses it for `Sec-WebSocket-Accept`).
    public static func sha1(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 20)
        bytes.withUnsafeBufferPointer { input in
            _ = SHA1(input.baseAddress, input.count, &output)
        }
        return output
    }

    /// `count` cryptographically random bytes (RFC 6455 §10.3: masking keys must be unpredictable).
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        if RAND_bytes(&output, Int32(count)) != 1 {
            var generator = SystemRandomNumberGenerator()
            for index in output.indices { output[index] = generator.next() }
        }
        return output
    }
}

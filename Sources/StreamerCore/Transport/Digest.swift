import COpenSSL

/// Hashes, MACs and random bytes from OpenSSL: the WebSocket handshake, masking keys, API request signatures.
public enum Digest {
    /// SHA-1 of `bytes` (RFC 6455 §4.2.2 uses it for `Sec-WebSocket-Accept`).
    public static func sha1(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 20)
        bytes.withUnsafeBufferPointer { input in
            _ = SHA1(input.baseAddress, input.count, &output)
        }
        return output
    }

    /// HMAC-SHA256 of `message` under `key` (RFC 2104), 32 bytes: both exchanges sign with it
    /// (exchange-messages.md A.4, B.4).
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 32
        key.withUnsafeBufferPointer { keyBytes in
            message.withUnsafeBufferPointer { input in
                _ = HMAC(
                    EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count), input.baseAddress, input.count, &output,
                    &length)
            }
        }
        return output
    }

    /// `bytes` as lowercase hexadecimal (the exchanges' signature encoding).
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether two byte strings are equal, in time that does not depend on where they differ (signature checks).
    public static func constantTimeEqual(_ first: [UInt8], _ second: [UInt8]) -> Bool {
        guard first.count == second.count else { return false }
        var difference: UInt8 = 0
        for index in first.indices { difference |= first[index] ^ second[index] }
        return difference == 0
    }

    /// A random UUID version 4 in its 36-character text form (RFC 9562 §5.4), as `X-Auth-Nonce` needs.
    public static func uuid4() -> String {
        var bytes = randomBytes(16)
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // variant 10
        var text = ""
        for (index, character) in hex(bytes).enumerated() {
            if [8, 12, 16, 20].contains(index) { text.append("-") }
            text.append(character)
        }
        return text
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

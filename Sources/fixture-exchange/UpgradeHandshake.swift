import COpenSSL
import Foundation

/// The server side of the WebSocket opening handshake (RFC 6455 §4.2).
enum UpgradeHandshake {
    /// The GUID every accept value is derived with (§1.3).
    static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
    /// The protocol version this server speaks (§4.1, §4.4).
    static let version = "13"

    /// `Sec-WebSocket-Accept` for `key`: base64(SHA-1(key + GUID)) (§4.2.2 step 5.4).
    static func acceptValue(forKey key: String) -> String {
        base64SHA1(key + guid)
    }

    /// A plausible but wrong accept value (SHA-1 of the key without the GUID), for `handshake-bad-accept`.
    static func wrongAcceptValue(forKey key: String) -> String {
        base64SHA1(key)
    }

    /// Checks the §4.2.1 requirements and returns the client's key.
    static func clientKey(in request: HTTPRequest) throws(HandshakeRejection) -> String {
        guard request.method == "GET" else { throw .notGET(request.method) }
        guard request.version == "HTTP/1.1" else { throw .notHTTP11(request.version) }
        guard request.lists("websocket", in: "Upgrade") else { throw .missingUpgradeWebSocket }
        guard request.lists("Upgrade", in: "Connection") else { throw .missingConnectionUpgrade }
        let version = request.value(of: "Sec-WebSocket-Version")
        guard version == self.version else { throw .unsupportedVersion(version) }
        guard let key = request.value(of: "Sec-WebSocket-Key") else { throw .missingKey }
        guard let nonce = Data(base64Encoded: key), nonce.count == 16 else { throw .invalidKey(key) }
        return key
    }

    private static func base64SHA1(_ text: String) -> String {
        let input = Array(text.utf8)
        var digest = [UInt8](repeating: 0, count: Int(SHA_DIGEST_LENGTH))
        _ = input.withUnsafeBufferPointer { bytes in
            digest.withUnsafeMutableBufferPointer { SHA1(bytes.baseAddress, bytes.count, $0.baseAddress) }
        }
        return Data(digest).base64EncodedString()
    }
}

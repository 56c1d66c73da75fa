/// Why a request is not an acceptable WebSocket upgrade (RFC 6455 §4.2.1).
enum HandshakeRejection: Error, Equatable, Sendable, CustomStringConvertible {
    case notGET(String)
    case notHTTP11(String)
    case missingUpgradeWebSocket
    case missingConnectionUpgrade
    case unsupportedVersion(String?)
    case missingKey
    case invalidKey(String)

    /// The response: 426 with the version we speak for a version mismatch (§4.4), 400 otherwise.
    var response: HTTPResponse {
        switch self {
        case .unsupportedVersion:
            .closing(
                status: 426,
                reason: "Upgrade Required",
                extraHeaders: [HeaderField(name: "Sec-WebSocket-Version", value: UpgradeHandshake.version)]
            )
        default:
            .closing(status: 400, reason: "Bad Request")
        }
    }

    var description: String {
        switch self {
        case .notGET(let method): "not a WebSocket upgrade: method '\(method)' is not GET"
        case .notHTTP11(let version): "not a WebSocket upgrade: '\(version)' is not HTTP/1.1"
        case .missingUpgradeWebSocket: "not a WebSocket upgrade: no 'Upgrade: websocket'"
        case .missingConnectionUpgrade: "not a WebSocket upgrade: 'Connection' does not list 'Upgrade'"
        case .unsupportedVersion(let version): "Sec-WebSocket-Version '\(version ?? "")' is not 13"
        case .missingKey: "no Sec-WebSocket-Key"
        case .invalidKey(let key): "Sec-WebSocket-Key '\(key)' is not 16 bytes in base64 (§4.1)"
        }
    }
}

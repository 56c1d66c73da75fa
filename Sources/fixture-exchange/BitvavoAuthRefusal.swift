/// Why Bitvavo refuses an `authenticate` action: its `errorCode` and `error` text (exchange-messages.md §B.4, §B.6).
enum BitvavoAuthRefusal: Error, Equatable, Sendable {
    /// `window` is outside 100...60000 ms.
    case windowOutOfRange
    /// `timestamp` is further from the server's clock than `window`.
    case outsideWindow
    /// `key` is not the fixture's `--api-key`.
    case keyNotFound
    /// `signature` is not 64 characters long.
    case signatureLength
    /// `signature` is not the lowercase hex HMAC-SHA256 of `<timestamp>GET/v2/websocket`.
    case invalidSignature

    /// Bitvavo's `errorCode`.
    var code: Int {
        switch self {
        case .windowOutOfRange: 303
        case .outsideWindow: 304
        case .keyNotFound: 305
        case .signatureLength: 308
        case .invalidSignature: 309
        }
    }

    /// Bitvavo's `error` text for `code`.
    var message: String {
        switch self {
        case .windowOutOfRange: "Window must be between 100 and 60000 ms."
        case .outsideWindow:
            "Request was not received within acceptable window (default 30s, or custom with Bitvavo-Access-Window "
                + "header) of Bitvavo-Access-Timestamp header (or timestamp parameter for websocket)."
        case .keyNotFound: "No active API key found."
        case .signatureLength:
            "The signature length is invalid (HMAC-SHA256 should return a 64 length hexadecimal string)."
        case .invalidSignature: "The signature is invalid."
        }
    }

    /// The reply frame, as `{"action":"authenticate","errorCode":309,"error":"The signature is invalid."}`.
    var reply: String { #"{"action":"authenticate","errorCode":\#(code),"error":"\#(message)"}"# }
}

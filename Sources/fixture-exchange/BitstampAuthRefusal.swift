/// Why Bitstamp's HTTP API v2 refuses a signed request: the `code` and `reason` of its 403 JSON answer
/// (exchange-messages.md §A.4; texts as Bitstamp words them).
enum BitstampAuthRefusal: Error, Equatable, Sendable {
    /// `X-Auth` is missing or does not name the fixture's key.
    case apiKeyNotFound
    /// `X-Auth-Nonce` is not 36 characters, or was used before.
    case invalidNonce
    /// `X-Auth-Signature` is not the lowercase hex HMAC-SHA256 of the request.
    case invalidSignature
    /// `X-Auth-Version` is not `v2`.
    case invalidVersion
    /// A required `X-Auth-*` header is absent.
    case missingHeader(String)
    /// `X-Auth-Timestamp` is more than 150 s away from the fixture's clock.
    case timestampOutOfWindow
    /// `X-Auth-Timestamp` is not a whole number of milliseconds.
    case invalidTimestamp
    /// A body came without a `Content-Type`.
    case contentTypeNotAccepted
    /// A `Content-Type` came without a body (what ccxt works around by always sending `foo=bar`).
    case contentTypeWithoutBody

    /// Bitstamp's error code, as `API0005`.
    var code: String {
        switch self {
        case .apiKeyNotFound: "API0001"
        case .invalidNonce: "API0004"
        case .invalidSignature: "API0005"
        case .invalidVersion: "API0010"
        case .missingHeader("X-Auth-Signature"): "API0013"
        case .missingHeader("X-Auth-Nonce"): "API0014"
        case .missingHeader("X-Auth-Timestamp"): "API0015"
        case .missingHeader: "API0016"
        case .timestampOutOfWindow: "API0017"
        case .invalidTimestamp: "API0018"
        case .contentTypeNotAccepted: "API0019"
        case .contentTypeWithoutBody: "API0020"
        }
    }

    /// Bitstamp's wording for `code`.
    var reason: String {
        switch self {
        case .apiKeyNotFound: "API key not found"
        case .invalidNonce: "Invalid nonce"
        case .invalidSignature: "Invalid signature"
        case .invalidVersion: "Invalid version"
        case .missingHeader(let name): "\(name) header is required"
        case .timestampOutOfWindow: "X-Auth-Timestamp header is out of boundaries"
        case .invalidTimestamp: "X-Auth-Timestamp header is invalid"
        case .contentTypeNotAccepted: "Content-Type header is not accepted"
        case .contentTypeWithoutBody: "Content-Type header should not be present"
        }
    }

    /// The 403 answer's body, as `{"status":"error","reason":"Invalid signature","code":"API0005"}`.
    var body: String { #"{"status":"error","reason":"\#(reason)","code":"\#(code)"}"# }
}

/// The authentication headers of a Bitstamp HTTP API v2 request, checked as Bitstamp checks them
/// (exchange-messages.md §A.4): key, version, timestamp window, nonce shape and the HMAC-SHA256 signature.
struct BitstampSignedRequest: Equatable, Sendable {
    /// How far `X-Auth-Timestamp` may be from the fixture's clock, either way.
    static let timestampWindowMilliseconds: Int64 = 150_000
    /// The length of `X-Auth-Nonce` (a UUID in text form).
    static let nonceLength = 36
    /// The only `X-Auth-Version` there is.
    static let version = "v2"

    /// `X-Auth-Nonce`; the caller checks that it is new once the signature holds.
    let nonce: String
    /// `X-Auth-Timestamp`, exactly as sent.
    let timestamp: String

    /// Checks `request` with `body` against `credentials` at `nowMilliseconds` (Unix time).
    static func verify(
        _ request: HTTPRequest, body: [UInt8], credentials: APICredentials, nowMilliseconds: Int64
    ) -> Result<BitstampSignedRequest, BitstampAuthRefusal> {
        guard request.value(of: "X-Auth") == "BITSTAMP " + credentials.key else { return .failure(.apiKeyNotFound) }
        var values: [String: String] = [:]
        for name in ["X-Auth-Signature", "X-Auth-Nonce", "X-Auth-Timestamp", "X-Auth-Version"] {
            guard let value = request.value(of: name) else { return .failure(.missingHeader(name)) }
            values[name] = value
        }
        let signature = values["X-Auth-Signature", default: ""]
        let nonce = values["X-Auth-Nonce", default: ""]
        let timestamp = values["X-Auth-Timestamp", default: ""]
        guard values["X-Auth-Version"] == version else { return .failure(.invalidVersion) }
        guard timestamp.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let milliseconds = Int64(timestamp)
        else { return .failure(.invalidTimestamp) }
        // Both are non-negative (digits only), so the difference cannot overflow.
        guard (nowMilliseconds - milliseconds).magnitude <= timestampWindowMilliseconds.magnitude else {
            return .failure(.timestampOutOfWindow)
        }
        guard nonce.count == nonceLength else { return .failure(.invalidNonce) }
        let contentType = request.value(of: "Content-Type")
        if body.isEmpty && contentType != nil { return .failure(.contentTypeWithoutBody) }
        if !body.isEmpty && contentType == nil { return .failure(.contentTypeNotAccepted) }
        let expected = HMACSHA256.hex(
            key: Array(credentials.secret.utf8),
            message: signedMessage(request, body: body, key: credentials.key, nonce: nonce, timestamp: timestamp))
        guard let expected, signature == expected else { return .failure(.invalidSignature) }  // lowercase hex only
        return .success(BitstampSignedRequest(nonce: nonce, timestamp: timestamp))
    }

    /// The bytes the signature covers, with the Host header and query exactly as sent.
    ///
    /// `"BITSTAMP " + key + method + host + path + query + content type (only with a body) + nonce + timestamp
    /// + "v2" + body`.
    static func signedMessage(
        _ request: HTTPRequest, body: [UInt8], key: String, nonce: String, timestamp: String
    ) -> [UInt8] {
        let path = request.target.prefix { $0 != "?" }
        let query = request.target.dropFirst(path.count)  // "" or "?a=b", as sent
        let contentType = body.isEmpty ? "" : request.value(of: "Content-Type") ?? ""
        let head =
            "BITSTAMP \(key)\(request.method)\(request.value(of: "Host") ?? "")\(path)\(query)\(contentType)"
            + "\(nonce)\(timestamp)\(version)"
        return Array(head.utf8) + body
    }
}

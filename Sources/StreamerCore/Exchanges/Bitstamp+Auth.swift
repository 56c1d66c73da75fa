extension Bitstamp {
    /// `POST /api/v2/websockets_token/` (A.4): a signed HTTP API v2 call that returns a 60-second WebSocket token.
    public static let websocketTokenPath = "/api/v2/websockets_token/"

    /// The header fields of a signed HTTP API v2 request (A.4).
    ///
    /// `X-Auth`, `X-Auth-Signature`, `X-Auth-Nonce`, `X-Auth-Timestamp`, `X-Auth-Version`. `sign` turns the signing string into the lowercase hex HMAC-SHA256 under
    /// the secret (the adapter stays pure: the session signs).
    ///
    /// No body and no `Content-Type`: Bitstamp refuses a `Content-Type` without a body, and the content type is
    /// then left out of the signing string (A.4; knowm/XChange #4038, tested against the live API).
    public static func tokenRequestHeaders(
        key: String, host: String, nonce: String, timestampMilliseconds: Int64, sign: (String) -> String
    ) -> [(String, String)] {
        let timestamp = String(timestampMilliseconds)
        let signing = tokenSigningString(key: key, host: host, nonce: nonce, timestamp: timestamp)
        return [
            ("X-Auth", "BITSTAMP \(key)"), ("X-Auth-Signature", sign(signing)), ("X-Auth-Nonce", nonce),
            ("X-Auth-Timestamp", timestamp), ("X-Auth-Version", "v2"),
        ]
    }

    /// A.4: `"BITSTAMP " + key + method + host + path + query + contentType + nonce + timestamp + "v2" + body`, with an
    /// empty query, no content type and no body for the token request.
    public static func tokenSigningString(key: String, host: String, nonce: String, timestamp: String) -> String {
        "BITSTAMP \(key)POST\(host)\(websocketTokenPath)\(nonce)\(timestamp)v2"
    }

    /// What the server signs in `X-Server-Auth-Signature` (A.4): nonce + timestamp + the response's content type + body.
    public static func serverSigningBytes(nonce: String, timestamp: String, contentType: String, body: [UInt8])
        -> [UInt8]
    {
        Array("\(nonce)\(timestamp)\(contentType)".utf8) + body
    }

    /// The token reply `{"valid_sec":60,"token":"…","user_id":4848701}` (A.4).
    public static func decodeToken(_ body: [UInt8]) throws(ExchangeError) -> ChannelAccess {
        var outcome: Result<ChannelAccess, ExchangeError> = .failure(
            .malformed(.bitstamp, detail: "the WebSocket token reply is not a JSON object"))
        body.withUnsafeBytes { raw in
            guard let root = try? JSONScanner.document(raw), root.kind == .object else { return }
            let fields = JSONMembers(root, in: raw)
            guard let token = fields["token"], token.kind == .string, !token.hasEscapes,
                let user = fields["user_id"], user.int64(in: raw) != nil
            else {
                outcome = .failure(
                    .malformed(.bitstamp, detail: "the WebSocket token reply lacks 'token' or 'user_id'"))
                return
            }
            outcome = .success(ChannelAccess(token: token.text(in: raw), userID: user.text(in: raw)))
        }
        return try outcome.get()
    }
}

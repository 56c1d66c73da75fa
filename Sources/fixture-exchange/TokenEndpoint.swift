/// `POST /api/v2/websockets_token/`: mints a Bitstamp websockets token for a correctly signed request
/// (exchange-messages.md §A.4); served on plain HTTP connections when `--api-key` and `--api-secret` are given.
struct TokenEndpoint: Sendable {
    /// The path of the token request.
    static let path = "/api/v2/websockets_token/"
    /// The content type of every answer, which the server signature covers.
    static let contentType = "application/json"

    let credentials: APICredentials
    let tokens: TokenTable

    /// Whether `request` asks for the token path (any method; the query is ignored).
    static func handles(_ request: HTTPRequest) -> Bool {
        request.target.prefix { $0 != "?" } == path
    }

    /// The answer to `request` with `body`, and the event line to log (`token minted N` or `token refused CODE`).
    func answer(
        _ request: HTTPRequest, body: [UInt8], nowMilliseconds: Int64 = WallClock.nowMilliseconds()
    ) -> (response: HTTPResponse, event: String) {
        guard request.method == "POST" else {
            let body = #"{"status":"error","reason":"Method not allowed"}"#
            let allow = [HeaderField(name: "Allow", value: "POST")]
            return (.json(status: 405, body: body, extraHeaders: allow), "token refused method \(request.method)")
        }
        let checked = BitstampSignedRequest.verify(
            request, body: body, credentials: credentials, nowMilliseconds: nowMilliseconds)
        let signed: BitstampSignedRequest
        switch checked {
        case .success(let request): signed = request
        case .failure(let refusal): return refused(refusal)
        }
        guard tokens.claimNonce(signed.nonce) else { return refused(.invalidNonce) }
        let (serial, token) = tokens.mint()
        let answer = #"{"valid_sec":\#(TokenTable.validSeconds),"token":"\#(token)","user_id":\#(credentials.userID)}"#
        let signature = HMACSHA256.hex(
            key: credentials.secret, message: signed.nonce + signed.timestamp + Self.contentType + answer)
        let header = HeaderField(name: "X-Server-Auth-Signature", value: signature ?? "")
        return (.json(status: 200, body: answer, extraHeaders: [header]), "token minted \(serial)")
    }

    private func refused(_ refusal: BitstampAuthRefusal) -> (response: HTTPResponse, event: String) {
        (.json(status: 403, body: refusal.body), "token refused \(refusal.code)")
    }
}

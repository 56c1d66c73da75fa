/// How a connection gets into private channels (issue 8): Bitstamp mints a WebSocket token over REST for every
/// (re)subscription; Bitvavo authenticates the connection with an action before subscribing.
public enum PrivateAccess: Sendable {
    /// Bitstamp: a fresh token (valid 60 s) before every subscription (A.4).
    case bitstampToken(any WebSocketTokenSource)
    /// Bitvavo: `authenticate` on every new connection, before subscribing to `account` (B.4).
    case bitvavoAuthenticate(Credentials)
}

/// Mints Bitstamp WebSocket tokens; a protocol so sessions can be tested without HTTP.
public protocol WebSocketTokenSource: Sendable {
    /// A new token and the user id it belongs to.
    func mint(now: Timestamp) throws -> ChannelAccess
}

/// Bitstamp's `POST /api/v2/websockets_token/`, signed with the account's credentials (A.4).
public struct BitstampTokenSource: WebSocketTokenSource {
    /// The REST origin, for example `https://www.bitstamp.net`.
    public let base: HTTPURL
    /// The client (TLS options, timeouts).
    public let client: HTTPClient
    let credentials: Credentials

    /// A source that signs with `credentials` and posts to `base`.
    public init(base: HTTPURL, client: HTTPClient, credentials: Credentials) {
        self.base = base
        self.client = client
        self.credentials = credentials
    }

    /// Posts the signed request; checks `X-Server-Auth-Signature` when the server sends one.
    ///
    /// Refusals (4xx) are `authenticationRefused`; network and server failures are `SessionError.tokenUnavailable` (worth a retry).
    public func mint(now: Timestamp) throws -> ChannelAccess {
        let url = base.appending(path: Bitstamp.websocketTokenPath)
        let nonce = Digest.uuid4()
        let timestamp = now.value(in: .milliseconds)
        let headers = Bitstamp.tokenRequestHeaders(
            key: credentials.key, host: url.hostHeader, nonce: nonce, timestampMilliseconds: timestamp,
            sign: { text in credentials.withSecret { Digest.hex(Digest.hmacSHA256(key: $0, message: Array(text.utf8))) }
            })
        let response: HTTPResponse
        do {
            response = try client.post(url, headers: headers, body: [], contentType: nil)
        } catch .status(_, let code, let reason, let message) where (400..<500).contains(code) && code != 429 {
            throw ExchangeError.authenticationRefused(
                .bitstamp,
                message: "the WebSocket token request got \(code) \(reason)\(message.map { ": \($0)" } ?? "")")
        } catch .transport(let error) {
            throw error  // retried like any lost connection
        } catch {
            throw SessionError.tokenUnavailable("\(error)")
        }
        if let signature = response.header("X-Server-Auth-Signature") {
            let signed = Bitstamp.serverSigningBytes(
                nonce: nonce, timestamp: String(timestamp), contentType: response.header("Content-Type") ?? "",
                body: response.body)
            let expected = credentials.withSecret { Digest.hex(Digest.hmacSHA256(key: $0, message: signed)) }
            guard Digest.constantTimeEqual(Array(expected.utf8), Array(signature.lowercased().utf8)) else {
                throw ExchangeError.authenticationRefused(
                    .bitstamp, message: "the WebSocket token reply's X-Server-Auth-Signature does not match")
            }
        }
        return try Bitstamp.decodeToken(response.body)
    }
}

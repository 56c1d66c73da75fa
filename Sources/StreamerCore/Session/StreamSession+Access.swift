extension StreamSession {
    /// How long `authenticate` may take to be answered.
    static let authenticationTimeout: Int64 = 10_000_000_000

    /// Fails before connecting on requests the adapter refuses (unsupported channels, too many channels).
    func checkSubscriptions() throws {
        let placeholder = access == nil ? nil : ChannelAccess(token: "", userID: "0")
        _ = try adapter.subscribeMessages(access: placeholder)
    }

    /// A fresh Bitstamp WebSocket token for the next (re)subscription (tokens live 60 s, A.4); nil when the run
    /// needs none.
    func mintToken() throws -> ChannelAccess? {
        guard case .bitstampToken(let source)? = access else { return nil }
        let grant = try source.mint(now: Self.wallClock())
        diagnostics.note("got a WebSocket token for user \(grant.userID)")
        return grant
    }

    /// The subscribe frames for a new connection, after entering private channels on it: `grant` (a fresh Bitstamp
    /// token) in the private subscriptions, or Bitvavo's `authenticate` answered first (B.4).
    func subscribeMessages(on client: WebSocketClient, grant: ChannelAccess?) throws -> [String] {
        switch access {
        case nil, .bitstampToken?:
            return try adapter.subscribeMessages(access: grant)
        case .bitvavoAuthenticate(let credentials)?:
            try authenticate(credentials, on: client)
            return try adapter.subscribeMessages()
        }
    }

    /// Sends Bitvavo's `authenticate` (signed now) and waits for its answer; a refusal throws `authenticationRefused`.
    private func authenticate(_ credentials: Credentials, on client: WebSocketClient) throws {
        let timestamp = Platform.wallClockNanoseconds() / 1_000_000
        let signing = Array(Bitvavo.authenticationSigningString(timestampMilliseconds: timestamp).utf8)
        let signature = credentials.withSecret { Digest.hex(Digest.hmacSHA256(key: $0, message: signing)) }
        diagnostics.note("authenticating with key \(Credentials.masked(credentials.key))")
        try client.send(
            text: Bitvavo.authenticateMessage(
                key: credentials.key, signature: signature, timestampMilliseconds: timestamp,
                window: Bitvavo.authenticationWindow))
        let deadline = Platform.monotonicNanoseconds() + Self.authenticationTimeout
        var scratch: [MarketEvent] = []
        while Platform.monotonicNanoseconds() < deadline {
            if Platform.pendingStopSignal != nil { return }  // the read loop sees the signal and stops
            let remaining = Int32(clamping: (deadline - Platform.monotonicNanoseconds()) / 1_000_000)
            switch try client.next(timeoutMilliseconds: min(remaining, Int32(Self.maxWaitMilliseconds))) {
            case .idle: continue
            case .closed(let code, let reason):
                throw WebSocketError.closedByServer(peer: client.peerName, code: code, reason: reason)
            case .message(let message):
                try recorder?.message(message.bytes, from: client, at: Self.wallClock())  // record: the answer too
                let notice = try message.bytes.withUnsafeBytes { raw in
                    try adapter.decode(raw, receivedAt: Self.wallClock(), into: &scratch)
                }
                if notice == .authenticated {
                    diagnostics.note("authenticated")
                    return
                }
            }
        }
        throw SessionError.noAuthenticationReply(
            peer: client.peerName, seconds: Self.authenticationTimeout / 1_000_000_000)
    }

    /// After a Bitstamp 4009 (token refused or expired): once, a new token and the private subscriptions again
    /// (A.2); false when the retry was already used, so the refusal ends the run (exit 77).
    func retryPrivateSubscriptions(on client: WebSocketClient, after text: String) throws -> Bool {
        guard case .bitstampToken? = access, !tokenRetried else { return false }
        tokenRetried = true
        diagnostics.warning("bitstamp refused the WebSocket token (\(text)); subscribing again with a new one")
        guard let grant = try mintToken() else { return false }
        for message in try adapter.subscribeMessages(access: grant) where message.contains(#""auth":"#) {
            diagnostics.note("sending \(Self.redacted(message))")
            try client.send(text: message)
            pendingSubscriptions.append(message)
        }
        return true
    }

    /// A subscribe message as `--verbose` shows it: an `auth` token replaced by `<token>`.
    static func redacted(_ message: String) -> String {
        guard let range = message.firstRange(of: #""auth":""#) else { return message }
        guard let end = message[range.upperBound...].firstIndex(of: "\"") else { return message }
        return String(message[..<range.upperBound]) + "<token>" + String(message[end...])
    }
}

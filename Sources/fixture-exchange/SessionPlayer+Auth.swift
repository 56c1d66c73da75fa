extension SessionPlayer {
    /// Bitstamp's answer to a private subscribe without a valid token (exchange-messages.md §A.4).
    static let unauthorizedReply =
        #"{"event":"bts:error","channel":"","data":{"code":4009,"message":"Connection is unauthorized."}}"#

    /// `expect-auth-subscribe <channel>`: the next text message must be the private subscribe for `channel` with
    /// a token; a token `TokenTable` refuses gets the 4009 error, and the next subscribe is awaited.
    func expectAuthSubscribe(_ channel: String) -> Step {
        let prefix =
            Array(#"{"event":"bts:subscribe","data":{"channel":""#.utf8) + Array(channel.utf8)
            + Array(#"","auth":""#.utf8)
        let suffix = Array(#""}}"#.utf8)
        let wanted = String(decoding: prefix, as: UTF8.self) + "<token>" + String(decoding: suffix, as: UTF8.self)
        guard let auth else { return missingCredentials(wanted: wanted) }
        while true {
            let got: String
            switch receiveText(wanted: wanted) {
            case .text(let text): got = text
            case .failed(let step): return step
            }
            let bytes = Array(got.utf8)
            guard bytes.count > prefix.count + suffix.count, bytes.starts(with: prefix),
                bytes.suffix(suffix.count).elementsEqual(suffix)
            else { return failExpectation(wanted: wanted, got: got) }
            let token = bytes[prefix.count..<(bytes.count - suffix.count)]
            guard !token.contains(UInt8(ascii: "\"")), !token.contains(UInt8(ascii: "\\")) else {
                return failExpectation(wanted: wanted, got: got)
            }
            switch auth.tokens.accept(String(decoding: token, as: UTF8.self), connection: auth.connection) {
            case .success:
                log.write("auth-subscribe ok \(channel)")
                let acknowledgement = #"{"event":"bts:subscription_succeeded","channel":"\#(channel)","data":{}}"#
                return transmit { () throws(ConnectionError) in try link.send(.text, Array(acknowledgement.utf8)) }
            case .failure(let rejection):
                log.write("auth-subscribe rejected \(rejection)")
                let sent = transmit { () throws(ConnectionError) in
                    try link.send(.text, Array(Self.unauthorizedReply.utf8))
                }
                guard sent == .next else { return sent }
            }
        }
    }

    /// `send-unauthorized`: revokes the newest token, so the client's retry needs a new one, and sends the 4009 error.
    func sendUnauthorized() -> Step {
        guard let auth else { return missingCredentials(wanted: "(credentials for send-unauthorized)") }
        let serial = auth.tokens.revokeNewest()
        log.write("token revoked \(serial.map(String.init) ?? "none")")
        return transmit { () throws(ConnectionError) in try link.send(.text, Array(Self.unauthorizedReply.utf8)) }
    }

    /// `expect-authenticate`: the next text message must be a Bitvavo `authenticate` action; a valid one gets
    /// `authenticated: true`, a refused one Bitvavo's error, after which the script ends as `wait-close` does.
    func expectAuthenticate() -> Step {
        let wanted = #"{"action":"authenticate","key":…,"signature":…,"timestamp":…,"window":…}"#
        guard let auth else { return missingCredentials(wanted: wanted) }
        let got: String
        switch receiveText(wanted: wanted) {
        case .text(let text): got = text
        case .failed(let step): return step
        }
        guard let request = BitvavoAuthRequest(got) else { return failExpectation(wanted: wanted, got: got) }
        switch request.verify(credentials: auth.credentials, nowMilliseconds: WallClock.nowMilliseconds()) {
        case .success:
            log.write("authenticate ok")
            let reply = Array(BitvavoAuthRequest.successReply.utf8)
            return transmit { () throws(ConnectionError) in try link.send(.text, reply) }
        case .failure(let refusal):
            log.write("authenticate refused \(refusal.code)")
            passed = false
            let sent = transmit { () throws(ConnectionError) in try link.send(.text, Array(refusal.reply.utf8)) }
            return sent == .next ? awaitClose(timeout: Self.waitCloseTimeout) : sent
        }
    }

    /// Fails an auth directive that runs without credentials (the startup check makes this unreachable).
    private func missingCredentials(wanted: String) -> Step {
        failExpectation(wanted: wanted, got: "(no --api-key/--api-secret)")
    }
}

/// How the server answers a WebSocket upgrade attempt.
enum UpgradeAnswer: Equatable, Sendable {
    /// Send this `101` response, then play the script's frame directives.
    case upgrade(HTTPResponse)
    /// Send this response and close; `violation` says what the client did wrong, if anything.
    case respond(HTTPResponse, violation: String?)
}

/// What a connection does with one HTTP request.
enum RouteDecision: Equatable, Sendable {
    /// A WebSocket upgrade attempt, answered as the script says.
    case webSocket(UpgradeAnswer)
    /// Not a WebSocket attempt: answer from the session's `http-get` routes (`HTTPRouteTable`), then close.
    case plainHTTP
}

/// Decides how to answer a request: a WebSocket upgrade attempt plays the script, anything else is plain HTTP.
struct RequestRouter: Sendable {
    /// How the script wants the upgrade answered.
    let handshake: HandshakeMode

    /// Whether `request` tries to open a WebSocket at all, even badly.
    ///
    /// It does when it names `Upgrade`, a `Sec-WebSocket-*` header, or `Connection: upgrade`; REST requests
    /// (book snapshots, market lists) name none.
    static func isWebSocketAttempt(_ request: HTTPRequest) -> Bool {
        request.value(of: "Upgrade") != nil || request.value(of: "Sec-WebSocket-Key") != nil
            || request.value(of: "Sec-WebSocket-Version") != nil || request.lists("upgrade", in: "Connection")
    }

    /// The decision for `request`.
    func decide(_ request: HTTPRequest) -> RouteDecision {
        guard Self.isWebSocketAttempt(request) else { return .plainHTTP }
        let key: String
        do {
            key = try UpgradeHandshake.clientKey(in: request)
        } catch {
            return .webSocket(.respond(error.response, violation: error.description))
        }
        switch handshake {
        case .accept:
            return .webSocket(.upgrade(.switchingProtocols(accept: UpgradeHandshake.acceptValue(forKey: key))))
        case .wrongAcceptValue:
            return .webSocket(.upgrade(.switchingProtocols(accept: UpgradeHandshake.wrongAcceptValue(forKey: key))))
        case .refuse(let status, let reason):
            return .webSocket(.respond(.closing(status: status, reason: reason), violation: nil))
        }
    }
}

/// What a connection does with one HTTP request.
enum RouteDecision: Equatable, Sendable {
    /// Send this `101` response, then play the script's frame directives.
    case upgrade(HTTPResponse)
    /// Send this response and close; `violation` says what the client did wrong, if anything.
    case respond(HTTPResponse, violation: String?)
}

/// Decides how to answer a request.
///
/// Pure, and the one place to add plain HTTP routes later (say `GET /api/v2/order_book/btcusd/` served
/// from a file) next to the WebSocket upgrade.
struct RequestRouter: Sendable {
    /// How the script wants the upgrade answered.
    let handshake: HandshakeMode

    /// The decision for `request`.
    func decide(_ request: HTTPRequest) -> RouteDecision {
        // Plain GET routes will be matched here, before the upgrade check, by `request.target`.
        let key: String
        do {
            key = try UpgradeHandshake.clientKey(in: request)
        } catch {
            return .respond(error.response, violation: error.description)
        }
        switch handshake {
        case .accept:
            return .upgrade(.switchingProtocols(accept: UpgradeHandshake.acceptValue(forKey: key)))
        case .wrongAcceptValue:
            return .upgrade(.switchingProtocols(accept: UpgradeHandshake.wrongAcceptValue(forKey: key)))
        case .refuse(let status, let reason):
            return .respond(.closing(status: status, reason: reason), violation: nil)
        }
    }
}

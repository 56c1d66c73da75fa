/// Why `expect-auth-subscribe` refused a websockets token; logged as `auth-subscribe rejected <description>`.
///
/// Connections are numbered from 1 in the order they were upgraded; tokens from 1 in the order they were minted.
enum TokenRejection: Error, Equatable, Sendable, CustomStringConvertible {
    /// No token has been minted yet.
    case noneMinted
    /// The token was never minted here.
    case unknown
    /// An older token; only the newest one is valid.
    case superseded(serial: Int, newest: Int)
    /// The newest token, but minted `valid_sec` or longer ago.
    case expired(serial: Int)
    /// The newest token, revoked by `send-unauthorized`.
    case revoked(serial: Int)
    /// The newest token, already accepted on another connection.
    case usedOnOtherConnection(serial: Int, connection: Int)

    var description: String {
        switch self {
        case .noneMinted: "no token minted"
        case .unknown: "unknown token"
        case .superseded(let serial, let newest): "token \(serial) superseded by token \(newest)"
        case .expired(let serial): "token \(serial) expired"
        case .revoked(let serial): "token \(serial) revoked"
        case .usedOnOtherConnection(let serial, let connection):
            "token \(serial) already used on connection \(connection)"
        }
    }
}

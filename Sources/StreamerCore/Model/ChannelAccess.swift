/// What a connection presents to subscribe to Bitstamp's private channels: a WebSocket token (valid 60 s) and the
/// user id the channel names end with (exchange-messages.md A.4).
///
/// The token is redacted from `description`.
public struct ChannelAccess: Equatable, Sendable, CustomStringConvertible {
    /// The `auth` value of the subscribe messages.
    public let token: String
    /// The account's user id, the `-<userId>` suffix of private channel names.
    public let userID: String

    /// Access with a freshly minted token.
    public init(token: String, userID: String) {
        self.token = token
        self.userID = userID
    }

    public var description: String { "channel access (user \(userID), token <redacted>)" }
}

/// What the auth directives of one WebSocket session check against: the fixture's credentials, the token table
/// shared with the token endpoint, and this connection's number.
struct SessionAuth: Sendable {
    let credentials: APICredentials
    let tokens: TokenTable
    /// The connection's number, from 1 in the order connections were upgraded.
    let connection: Int
}

/// The API key pair the fixture accepts (`--api-key`, `--api-secret`) and the account it stands for (`--user-id`).
///
/// The secret is never logged: `description` names the key only.
struct APICredentials: Equatable, Sendable, CustomStringConvertible {
    /// The `user_id` a Bitstamp websockets token answer carries unless `--user-id` says otherwise.
    static let defaultUserID = 4_848_701

    let key: String
    let secret: String
    let userID: Int

    var description: String { "API key '\(key)' (secret hidden), user \(userID)" }
}

/// An exchange API key and secret (DESIGN.md §2: never printed, logged or recorded).
///
/// `description` and `debugDescription` are redacted, so string interpolation of a value, an error or a dump cannot
/// reveal the secret; the secret's bytes are reachable only through `withSecret`.
public struct Credentials: Equatable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The public API key (it identifies the account; sent on the wire).
    public let key: String
    private let secret: [UInt8]

    /// Credentials for one exchange.
    public init(key: String, secret: String) {
        self.key = key
        self.secret = Array(secret.utf8)
    }

    /// Runs `body` with the secret's bytes (to sign with); the bytes must not escape into text.
    public func withSecret<Result>(_ body: ([UInt8]) throws -> Result) rethrows -> Result { try body(secret) }

    public var description: String { "credentials(key: \(Credentials.masked(key)), secret: <redacted>)" }
    public var debugDescription: String { description }

    /// The key with all but its first four characters masked, for messages (`abcd…`).
    public static func masked(_ key: String) -> String { key.count <= 4 ? "…" : String(key.prefix(4)) + "…" }

    /// The environment variable holding `exchange`'s API key.
    public static func keyVariable(_ exchange: ExchangeID) -> String { "\(exchange.name.uppercased())_API_KEY" }

    /// The environment variable holding `exchange`'s API secret.
    public static func secretVariable(_ exchange: ExchangeID) -> String { "\(exchange.name.uppercased())_API_SECRET" }
}

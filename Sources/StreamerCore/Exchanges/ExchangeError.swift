/// Exchange-level failures: unsupported requests, refusals and messages that do not fit the wire format.
public enum ExchangeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The exchange has no such channel (or this build does not stream it yet).
    case unsupportedChannel(Channel, ExchangeID)
    /// The exchange sent an error reply (e.g. `bts:error`); `channel` names the subscription when known.
    case rejected(ExchangeID, channel: String?, message: String)
    /// The exchange rate-limited us: back off.
    case rateLimited(ExchangeID, message: String)
    /// The exchange refused our credentials.
    case authenticationRefused(ExchangeID, message: String)
    /// More channels than one connection may carry.
    case tooManyChannels(ExchangeID, requested: Int, limit: Int)
    /// A message that is not the JSON the exchange documents.
    case malformed(ExchangeID, detail: String)

    public var description: String {
        switch self {
        case .unsupportedChannel(let channel, let exchange):
            "\(exchange.name) has no '\(channel.name)' channel in this version (see 'streamer channels \(exchange.name)')"
        case .rejected(let exchange, let channel, let message):
            "\(exchange.name) refused\(channel.map { " '\($0)'" } ?? ""): \(message)"
        case .malformed(let exchange, let detail): "unreadable \(exchange.name) message: \(detail)"
        case .rateLimited(let exchange, let message): "\(exchange.name) rate-limited this client: \(message)"
        case .authenticationRefused(let exchange, let message): "\(exchange.name) refused authentication: \(message)"
        case .tooManyChannels(let exchange, let requested, let limit):
            "\(requested) channels requested, but \(exchange.name) allows \(limit) per connection and this version opens one"
        }
    }
}

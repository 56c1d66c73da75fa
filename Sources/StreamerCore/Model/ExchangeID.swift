/// The exchanges `streamer` speaks to.
public enum ExchangeID: String, CaseIterable, Sendable {
    /// Bitstamp WebSocket API v2.
    case bitstamp
    /// Bitvavo WebSocket API v2.
    case bitvavo

    /// The name users type and output prints.
    public var name: String { rawValue }

    /// The name as a literal, for renderers that copy bytes.
    public var literal: StaticString {
        switch self {
        case .bitstamp: "bitstamp"
        case .bitvavo: "bitvavo"
        }
    }
}

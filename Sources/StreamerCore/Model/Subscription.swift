/// One channel on one market: the unit a user asks for and an adapter subscribes to.
public struct Subscription: Hashable, Sendable {
    /// What to stream.
    public var channel: Channel
    /// Where.
    public var market: Market

    /// A subscription to `channel` on `market`.
    public init(channel: Channel, market: Market) {
        self.channel = channel
        self.market = market
    }
}

/// Our names for the data a user can stream (DESIGN.md §2); adapters map them to wire names.
public enum Channel: String, CaseIterable, Sendable {
    case trades
    case ticker
    case ticker24h
    case book
    case bookTop100 = "book-top100"
    case bookL3 = "book-l3"
    case orders
    case candles
    case funding
    /// The account's own orders (private).
    case myOrders = "my-orders"
    /// The account's own trades, with fees (private).
    case myTrades = "my-trades"
    /// The account's orders and fills together (private; Bitvavo's `account`, Bitstamp's two channels).
    case account
    /// Trades between two of the account's own orders (private, Bitstamp).
    case selfTrades = "self-trades"
    /// Position settlements (private, Bitstamp, account-wide).
    case mySettlements = "my-settlements"
    /// Margin alerts and liquidation stages (private, Bitstamp, account-wide).
    case liquidations

    /// The name users type and help prints.
    public var name: String { rawValue }

    /// Other spellings accepted on the command line: the seed docs' and the exchanges' own words.
    public var aliases: [String] {
        switch self {
        case .trades: ["livetrades", "live_trades", "live-trades", "trade"]
        case .ticker: ["bbo"]
        case .ticker24h: ["ticker-24h", "ticker_24h"]
        case .book: ["diff_orderbook", "diff_order_book", "diff-order-book", "orderbook-diff", "local-book"]
        case .bookTop100: ["orderbook", "order_book", "order-book", "book100"]
        case .bookL3: ["detail_orderbook", "detail_order_book", "detail-order-book", "l3"]
        case .orders: ["liveorders", "live_orders", "live-orders"]
        case .candles: ["candle", "ohlc", "ohlcv", "klines"]
        case .funding: ["fundingrate", "funding_rate", "funding-rate"]
        case .myOrders: ["my_orders", "myorders", "private-my_orders"]
        case .myTrades: ["my_trades", "mytrades", "private-my_trades", "fills"]
        case .account: ["private"]
        case .selfTrades: ["self_trades", "self_trade", "self-trade", "selftrades"]
        case .mySettlements: ["my_settlements", "mysettlements", "settlements"]
        case .liquidations: ["my_liquidations", "my-liquidations", "liquidation"]
        }
    }

    /// One line for `streamer channels` and help.
    public var summary: String {
        switch self {
        case .trades: "every public trade: price, amount, taker side"
        case .ticker: "best bid and ask with sizes"
        case .ticker24h: "24-hour open/high/low/last/volume"
        case .book: "a local order book kept exact from snapshot + updates, top --depth levels"
        case .bookTop100: "the exchange's own top-100 book snapshots"
        case .bookL3: "the top 100 orders per side, one entry per order"
        case .orders: "order created/changed/deleted events (L3)"
        case .candles: "OHLCV candles per --interval"
        case .funding: "perpetual funding rate, mark and index price"
        case .myOrders: "your orders: created/changed/deleted/replaced/stop events (credentials)"
        case .myTrades: "your fills with fee (credentials)"
        case .account: "your orders and fills together (credentials)"
        case .selfTrades: "trades between two of your own orders (credentials)"
        case .mySettlements: "your position settlements; no market argument (credentials)"
        case .liquidations: "your margin alerts and liquidation stages; no market argument (credentials)"
        }
    }

    /// The channel named `word` (our name or an alias, any case), if any.
    public static func named(_ word: String) -> Channel? {
        let lowered = word.lowercased()
        return allCases.first { $0.rawValue == lowered || $0.aliases.contains(lowered) }
    }
}

extension Channel {
    /// The event types this channel prints (gaps aside).
    public var printedKinds: [EventKind] {
        switch self {
        case .trades: [.trade]
        case .ticker: [.ticker]
        case .ticker24h: [.ticker24h]
        case .book, .bookTop100: [.book]
        case .bookL3: [.bookL3]
        case .orders, .myOrders: [.order]
        case .candles: [.candle]
        case .funding: [.funding]
        case .myTrades, .selfTrades: [.fill]
        case .account: [.order, .fill]
        case .mySettlements: [.settlement]
        case .liquidations: [.liquidation]
        }
    }

    /// Whether the channel needs the account's API credentials.
    public var isPrivate: Bool {
        switch self {
        case .myOrders, .myTrades, .account, .selfTrades, .mySettlements, .liquidations: true
        default: false
        }
    }

    /// Whether the channel is about the whole account, so the command line names no market for it.
    public var isAccountWide: Bool { self == .mySettlements || self == .liquidations }
}

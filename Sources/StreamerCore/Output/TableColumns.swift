/// One column of the table: title, fixed width, alignment and how to read its cell from an event.
struct TableColumn {
    /// Header text.
    let title: String
    /// Width in characters, fixed before the first row.
    let width: Int
    /// Numbers align right so their digits line up.
    let alignRight: Bool
    /// Whether the cell is coloured by side (buy green, sell red).
    let colored: Bool
    /// The cell text.
    let value: (MarketEvent) -> String

    /// A column; `alignRight` for numbers.
    init(
        _ title: String, _ width: Int, right: Bool = false, colored: Bool = false,
        _ value: @escaping (MarketEvent) -> String
    ) {
        self.title = title
        self.width = width
        self.alignRight = right
        self.colored = colored
        self.value = value
    }
}

extension TableColumn {
    /// The columns of each event type; `marketWidth` fits the longest subscribed market.
    static func columns(for kind: EventKind, marketWidth: Int) -> [TableColumn] {
        let time = TableColumn("TIME (UTC)", 15) { timeOfDay($0.header.ts ?? $0.header.recv) }
        let market = TableColumn("MARKET", marketWidth) { $0.header.market.symbol }
        switch kind {
        case .trade:
            return [
                time, market,
                TableColumn("SIDE", 4, colored: true) { trade($0)?.side?.rawValue ?? "?" },
                TableColumn("PRICE", 14, right: true, colored: true) { trade($0)?.price.text ?? "" },
                TableColumn("AMOUNT", 16, right: true) { trade($0)?.amount.text ?? "" },
                TableColumn("ID", 0) { trade($0)?.id ?? "" },
            ]
        case .ticker:
            return [
                time, market,
                TableColumn("BID", 14, right: true) { ticker($0)?.bid?.text ?? "-" },
                TableColumn("BID SIZE", 14, right: true) { ticker($0)?.bidSize?.text ?? "-" },
                TableColumn("ASK", 14, right: true) { ticker($0)?.ask?.text ?? "-" },
                TableColumn("ASK SIZE", 14, right: true) { ticker($0)?.askSize?.text ?? "-" },
                TableColumn("LAST", 0, right: false) { ticker($0)?.last?.text ?? "-" },
            ]
        case .ticker24h:
            return [
                time, market,
                TableColumn("LAST", 14, right: true) { ticker24h($0)?.last?.text ?? "-" },
                TableColumn("OPEN", 14, right: true) { ticker24h($0)?.open?.text ?? "-" },
                TableColumn("HIGH", 14, right: true) { ticker24h($0)?.high?.text ?? "-" },
                TableColumn("LOW", 14, right: true) { ticker24h($0)?.low?.text ?? "-" },
                TableColumn("VOLUME", 18, right: true) { ticker24h($0)?.volume?.text ?? "-" },
                TableColumn("BID", 14, right: true) { ticker24h($0)?.bid?.text ?? "-" },
                TableColumn("ASK", 0, right: false) { ticker24h($0)?.ask?.text ?? "-" },
            ]
        case .asset:
            return [
                TableColumn("ASSET", 8) { $0.header.market.symbol },
                TableColumn("NAME", 20) { asset($0)?.name ?? "" },
                TableColumn("DECIMALS", 8, right: true) { asset($0)?.decimals.map { String($0) } ?? "" },
                TableColumn("DEPOSIT", 12) { asset($0)?.depositStatus ?? "" },
                TableColumn("WITHDRAWAL", 12) { asset($0)?.withdrawalStatus ?? "" },
                TableColumn("FEE", 0) { asset($0)?.withdrawalFee?.text ?? "" },
            ]
        case .time:
            return [TableColumn("SERVER TIME (UTC)", 0) { $0.header.ts?.iso8601 ?? "" }]
        case .market:
            return [
                market,
                TableColumn("SYMBOL", 14) { marketInfo($0)?.symbol ?? "" },
                TableColumn("TRADING", 7) { marketInfo($0).map { $0.trading ? "yes" : "no" } ?? "" },
                TableColumn("DESCRIPTION", 0) { marketInfo($0)?.description ?? "" },
            ]
        case .book:
            return [
                time, market,
                TableColumn("BID SIZE", 14, right: true) { book($0)?.bids.first?.amount.text ?? "-" },
                TableColumn("BID", 14, right: true) { book($0)?.bids.first?.price.text ?? "-" },
                TableColumn("ASK", 14, right: true) { book($0)?.asks.first?.price.text ?? "-" },
                TableColumn("ASK SIZE", 14, right: true) { book($0)?.asks.first?.amount.text ?? "-" },
                TableColumn("LEVELS", 9, right: true) { event in
                    book(event).map { "\($0.bids.count)/\($0.asks.count)" } ?? ""
                },
                TableColumn("SEQ", 0) { book($0)?.seq.map { String($0) } ?? "" },
            ]
        case .bookL3:
            return [
                time, market,
                TableColumn("BID SIZE", 14, right: true) { l3($0)?.bids.first?.amount.text ?? "-" },
                TableColumn("BID", 14, right: true) { l3($0)?.bids.first?.price.text ?? "-" },
                TableColumn("ASK", 14, right: true) { l3($0)?.asks.first?.price.text ?? "-" },
                TableColumn("ASK SIZE", 14, right: true) { l3($0)?.asks.first?.amount.text ?? "-" },
                TableColumn("ORDERS", 9, right: true) { event in
                    l3(event).map { "\($0.bids.count)/\($0.asks.count)" } ?? ""
                },
                TableColumn("SEQ", 0) { l3($0)?.seq.map { String($0) } ?? "" },
            ]
        case .order:
            return [
                time, market,
                TableColumn("EVENT", 13) { order($0)?.event.rawValue ?? "" },
                TableColumn("SIDE", 4, colored: true) { order($0)?.side?.rawValue ?? "?" },
                TableColumn("PRICE", 14, right: true, colored: true) { order($0)?.price.text ?? "" },
                TableColumn("AMOUNT", 16, right: true) { order($0)?.amount.text ?? "" },
                TableColumn("ID", 0) { order($0)?.id ?? "" },
            ]
        case .fill:
            return [
                time, market,
                TableColumn("SIDE", 4, colored: true) { fill($0)?.side?.rawValue ?? "?" },
                TableColumn("PRICE", 14, right: true, colored: true) { fill($0)?.price.text ?? "" },
                TableColumn("AMOUNT", 16, right: true) { fill($0)?.amount.text ?? "" },
                TableColumn("FEE", 14, right: true) { event in fill(event).map { fee($0) } ?? "" },
                TableColumn("ORDER", 0) { event in
                    fill(event).map { ($0.orderID ?? "") + ($0.selfTrade ? " (self)" : "") } ?? ""
                },
            ]
        case .settlement:
            return [
                time,
                TableColumn("EVENT", 22) { settlement($0)?.event ?? "" },
                TableColumn("AMOUNT", 18, right: true) { settlement($0)?.amount?.text ?? "-" },
                TableColumn("CCY", 5) { settlement($0)?.currency ?? "" },
                TableColumn("PRICE", 14, right: true) { settlement($0)?.price?.text ?? "-" },
                TableColumn("POSITION", 0) { settlement($0)?.positionID ?? "" },
            ]
        case .liquidation:
            return [
                time,
                TableColumn("EVENT", 22) { liquidation($0)?.event ?? "" },
                TableColumn("MODE", 9) { liquidation($0)?.marginMode ?? "" },
                TableColumn("IM RATIO", 12, right: true) { liquidation($0)?.initialMarginRatio?.text ?? "-" },
                TableColumn("MM RATIO", 12, right: true) { liquidation($0)?.maintenanceMarginRatio?.text ?? "-" },
                TableColumn("POSITION", 0) { liquidation($0)?.positionID ?? "" },
            ]
        case .candle:
            return [
                TableColumn("START (UTC)", 19) { event in candle(event).map { dateTime($0.start) } ?? "" }, market,
                TableColumn("INT", 4) { candle($0)?.interval ?? "" },
                TableColumn("OPEN", 14, right: true) { candle($0)?.open.text ?? "" },
                TableColumn("HIGH", 14, right: true) { candle($0)?.high.text ?? "" },
                TableColumn("LOW", 14, right: true) { candle($0)?.low.text ?? "" },
                TableColumn("CLOSE", 14, right: true) { candle($0)?.close.text ?? "" },
                TableColumn("VOLUME", 16, right: true) { candle($0)?.volume.text ?? "" },
                TableColumn("", 0) { candle($0)?.closed == false ? "open" : "" },
            ]
        case .funding:
            return [
                time, market,
                TableColumn("RATE", 12, right: true) { funding($0)?.rate.text ?? "" },
                TableColumn("MARK", 18, right: true) { funding($0)?.markPrice?.text ?? "-" },
                TableColumn("INDEX", 20, right: true) { funding($0)?.indexPrice?.text ?? "-" },
                TableColumn("NEXT FUNDING", 0) { event in funding(event)?.nextFundingTime.map(dateTime) ?? "" },
            ]
        case .gap:
            return [time, market, TableColumn("GAP", 0) { event in gap(event).map { $0.reason.rawValue } ?? "" }]
        }
    }

    private static func timeOfDay(_ time: Timestamp) -> String {
        var out: [UInt8] = []
        time.appendTimeOfDay(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func dateTime(_ time: Timestamp) -> String {
        String(Timestamp(time.secondsAndFraction.seconds, .seconds).iso8601.dropLast().map { $0 == "T" ? " " : $0 })
    }

    private static func trade(_ event: MarketEvent) -> Trade? {
        if case .trade(let value) = event { value } else { nil }
    }
    private static func ticker(_ event: MarketEvent) -> Ticker? {
        if case .ticker(let value) = event { value } else { nil }
    }
    private static func ticker24h(_ event: MarketEvent) -> Ticker24h? {
        if case .ticker24h(let value) = event { value } else { nil }
    }
    private static func asset(_ event: MarketEvent) -> AssetInfo? {
        if case .asset(let value) = event { value } else { nil }
    }
    private static func marketInfo(_ event: MarketEvent) -> MarketInfo? {
        if case .market(let value) = event { value } else { nil }
    }
    private static func book(_ event: MarketEvent) -> BookUpdate? {
        if case .book(let value) = event { value } else { nil }
    }
    private static func l3(_ event: MarketEvent) -> BookL3? {
        if case .bookL3(let value) = event { value } else { nil }
    }
    private static func order(_ event: MarketEvent) -> OrderEvent? {
        if case .order(let value) = event { value } else { nil }
    }
    private static func candle(_ event: MarketEvent) -> Candle? {
        if case .candle(let value) = event { value } else { nil }
    }
    private static func funding(_ event: MarketEvent) -> Funding? {
        if case .funding(let value) = event { value } else { nil }
    }
    private static func fill(_ event: MarketEvent) -> Fill? { if case .fill(let value) = event { value } else { nil } }

    private static func settlement(_ event: MarketEvent) -> Settlement? {
        if case .settlement(let value) = event { value } else { nil }
    }

    private static func liquidation(_ event: MarketEvent) -> Liquidation? {
        if case .liquidation(let value) = event { value } else { nil }
    }

    /// The fee with its currency when known (`0.04936 USD`), `-` when not sent.
    private static func fee(_ fill: Fill) -> String {
        guard let fee = fill.fee else { return "-" }
        return fill.feeCurrency.map { "\(fee.text) \($0)" } ?? fee.text
    }

    private static func gap(_ event: MarketEvent) -> Gap? { if case .gap(let value) = event { value } else { nil } }
}

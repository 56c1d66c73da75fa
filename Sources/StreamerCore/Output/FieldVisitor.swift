/// Receives an event's fields in their fixed order (DESIGN.md §3); renderers implement it, so JSON lines and CSV
/// share one definition of every type's fields and the hot path builds no intermediate arrays.
public protocol FieldVisitor {
    /// A text field; `omitIfNil` drops the key entirely when the value is absent ("when sent" fields).
    mutating func string(_ key: StaticString, _ value: String?, omitIfNil: Bool)
    /// A text field whose value is one of our own words (an event type, an exchange, a side), printed as null when
    /// absent; renderers can copy its bytes without a `String`.
    mutating func literal(_ key: StaticString, _ value: StaticString?)
    /// An exchange's id; `omitIfNil` as for `string`.
    mutating func identifier(_ key: StaticString, _ value: IDText?, omitIfNil: Bool)
    /// An exact decimal, printed with the exchange's digits.
    mutating func decimal(_ key: StaticString, _ value: DecimalString?)
    /// A point in time.
    mutating func time(_ key: StaticString, _ value: Timestamp?)
    /// A whole number.
    mutating func integer(_ key: StaticString, _ value: Int64?)
    /// A boolean.
    mutating func bool(_ key: StaticString, _ value: Bool)
    /// Price levels `[[price, amount], ...]`, best first.
    mutating func levels(_ key: StaticString, _ value: [BookLevel])
    /// Orders `[[price, amount, order_id], ...]`, best first.
    mutating func orders(_ key: StaticString, _ value: [L3Level])
}

extension FieldVisitor {
    /// A text field that is printed as null when absent.
    public mutating func string(_ key: StaticString, _ value: String?) { string(key, value, omitIfNil: false) }

    /// A word of ours is text to most renderers.
    public mutating func literal(_ key: StaticString, _ value: StaticString?) {
        string(key, value?.description, omitIfNil: false)
    }

    /// An id is text to most renderers.
    public mutating func identifier(_ key: StaticString, _ value: IDText?, omitIfNil: Bool) {
        string(key, value?.description, omitIfNil: omitIfNil)
    }
}

extension MarketEvent {
    /// Visits the common fields, then the type's own fields, in the documented order.
    ///
    /// Each case reads its header in place: the `header` and `kind` getters would copy the event or its market.
    public func visitFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        switch self {
        case .trade(let trade):
            Self.visitCommon(.trade, trade.header, &visitor)
            visitor.identifier("id", trade.idText, omitIfNil: false)
            visitor.decimal("price", trade.price)
            visitor.decimal("amount", trade.amount)
            visitor.literal("side", trade.side?.literal)
            visitor.identifier("buy_order_id", trade.buyOrderIDText, omitIfNil: true)
            visitor.identifier("sell_order_id", trade.sellOrderIDText, omitIfNil: true)
        case .ticker(let ticker):
            Self.visitCommon(.ticker, ticker.header, &visitor)
            visitor.decimal("bid", ticker.bid)
            visitor.decimal("bid_size", ticker.bidSize)
            visitor.decimal("ask", ticker.ask)
            visitor.decimal("ask_size", ticker.askSize)
            visitor.decimal("last", ticker.last)
        case .ticker24h(let ticker):
            Self.visitCommon(.ticker24h, ticker.header, &visitor)
            visitor.decimal("open", ticker.open)
            visitor.decimal("high", ticker.high)
            visitor.decimal("low", ticker.low)
            visitor.decimal("last", ticker.last)
            visitor.decimal("volume", ticker.volume)
            visitor.decimal("volume_quote", ticker.volumeQuote)
            visitor.decimal("bid", ticker.bid)
            visitor.decimal("ask", ticker.ask)
        case .asset(let asset):
            Self.visitCommon(.asset, asset.header, &visitor)
            visitor.string("name", asset.name)
            visitor.integer("decimals", asset.decimals)
            visitor.string("deposit_status", asset.depositStatus)
            visitor.string("withdrawal_status", asset.withdrawalStatus)
            visitor.decimal("withdrawal_fee", asset.withdrawalFee)
            visitor.decimal("withdrawal_min_amount", asset.withdrawalMinAmount)
        case .time(let time):
            Self.visitCommon(.time, time.header, &visitor)
        case .market(let info):
            Self.visitCommon(.market, info.header, &visitor)
            visitor.string("symbol", info.symbol)
            visitor.bool("trading", info.trading)
            visitor.string("description", info.description)
        case .book(let book):
            Self.visitCommon(.book, book.header, &visitor)
            visitor.integer("depth", Int64(book.depth))
            visitor.levels("bids", book.bids)
            visitor.levels("asks", book.asks)
            visitor.integer("seq", book.seq)
        case .bookL3(let book):
            Self.visitCommon(.bookL3, book.header, &visitor)
            visitor.orders("bids", book.bids)
            visitor.orders("asks", book.asks)
            visitor.integer("seq", book.seq)
        case .order(let order):
            Self.visitCommon(.order, order.header, &visitor)
            visitor.string("event", order.event.rawValue)
            visitor.string("id", order.id)
            visitor.literal("side", order.side?.literal)
            visitor.decimal("price", order.price)
            visitor.decimal("amount", order.amount)
            visitor.string("subtype", order.subtype)
            visitor.string("status", order.account?.status)
            visitor.decimal("amount_filled", order.account?.amountFilled)
            visitor.decimal("amount_original", order.account?.amountOriginal)
            visitor.string("client_order_id", order.account?.clientOrderID)
            visitor.decimal("stop_price", order.account?.stopPrice)
        case .fill(let fill):
            Self.visitCommon(.fill, fill.header, &visitor)
            visitor.string("id", fill.id)
            visitor.string("order_id", fill.orderID)
            visitor.literal("side", fill.side?.literal)
            visitor.decimal("price", fill.price)
            visitor.decimal("amount", fill.amount)
            visitor.decimal("fee", fill.fee)
            visitor.string("fee_currency", fill.feeCurrency)
            visitor.string("liquidity", fill.liquidity)
            visitor.string("client_order_id", fill.clientOrderID)
            visitor.bool("self_trade", fill.selfTrade)
            visitor.string("counter_order_id", fill.counterOrderID, omitIfNil: true)
        case .settlement(let settlement):
            Self.visitCommon(.settlement, settlement.header, &visitor)
            visitor.string("event", settlement.event)
            visitor.string("id", settlement.id)
            visitor.string("position_id", settlement.positionID)
            visitor.string("currency", settlement.currency)
            visitor.decimal("amount", settlement.amount)
            visitor.decimal("price", settlement.price)
            visitor.decimal("strike_price", settlement.strikePrice)
            visitor.decimal("from_price", settlement.fromPrice)
            visitor.decimal("from_trading_fees", settlement.fromTradingFees)
            visitor.decimal("from_liquidation_fees", settlement.fromLiquidationFees)
            visitor.decimal("from_funding", settlement.fromFunding)
            visitor.string("settlement_type", settlement.settlementType)
        case .liquidation(let liquidation):
            Self.visitCommon(.liquidation, liquidation.header, &visitor)
            visitor.string("event", liquidation.event)
            visitor.string("position_id", liquidation.positionID)
            visitor.string("margin_mode", liquidation.marginMode)
            visitor.decimal("initial_margin_ratio", liquidation.initialMarginRatio)
            visitor.decimal("maintenance_margin_ratio", liquidation.maintenanceMarginRatio)
        case .candle(let candle):
            Self.visitCommon(.candle, candle.header, &visitor)
            visitor.string("interval", candle.interval)
            visitor.time("start", candle.start)
            visitor.decimal("open", candle.open)
            visitor.decimal("high", candle.high)
            visitor.decimal("low", candle.low)
            visitor.decimal("close", candle.close)
            visitor.decimal("volume", candle.volume)
            visitor.bool("closed", candle.closed)
        case .funding(let funding):
            Self.visitCommon(.funding, funding.header, &visitor)
            visitor.decimal("rate", funding.rate)
            visitor.decimal("mark_price", funding.markPrice)
            visitor.decimal("index_price", funding.indexPrice)
            visitor.time("next_funding_time", funding.nextFundingTime)
        case .gap(let gap):
            Self.visitCommon(.gap, gap.header, &visitor)
            visitor.string("reason", gap.reason.rawValue)
            visitor.time("since", gap.since)
        }
    }

    /// The fields every event starts with: its type, then its header's.
    @inline(__always)
    private static func visitCommon<Visitor: FieldVisitor>(
        _ kind: EventKind, _ header: EventHeader, _ visitor: inout Visitor
    ) {
        visitor.literal("type", kind.literal)
        visitor.literal("exchange", header.exchange.literal)
        visitor.string("market", header.market.symbol.isEmpty ? nil : header.market.symbol)
        visitor.time("ts", header.ts)
        visitor.time("recv", header.recv)
    }
}

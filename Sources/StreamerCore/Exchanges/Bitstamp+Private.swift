extension Bitstamp {
    /// The private route `channel` names: its wire name followed by `-<userId>` (A.0: the user id suffix).
    func privateRoute(for channel: JSONToken, in message: UnsafeRawBufferPointer) -> Route? {
        guard channel.kind == .string, !channel.hasEscapes else { return nil }
        let name = channel.bytes(in: message)
        return routes.first { route in
            guard route.wire.isPrivate, name.count > route.wireName.count + 1,
                name.starts(with: route.wireName), name[route.wireName.count] == UInt8(ascii: "-")
            else { return false }
            return name[(route.wireName.count + 1)...].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
    }

    /// A private channel's event (A.4), or nil when `event` is not one the channel sends.
    func privateEvent(
        _ wire: WireChannel, event: JSONToken, data: JSONToken, trade tradeFields: TradeFields, _ context: DecodeContext
    )
        throws(ExchangeError) -> MarketEvent?
    {
        let message = context.message
        let name = event.text(in: message)
        let fields = JSONMembers(data, in: message)
        switch wire {
        case .myOrders:
            let change: OrderEvent.Change
            switch name {
            case "order_created": change = .created
            case "order_changed": change = .changed
            case "order_deleted": change = .deleted
            case "order_replaced": change = .replaced
            case "stop_active": change = .stopActive
            case "stop_inactive": change = .stopInactive
            default: return nil
            }
            return .order(try accountOrder(change, fields, context))
        case .myTrades:
            guard name == "trade" else { return nil }
            return .fill(try accountFill(fields, context))
        case .selfTrades:
            guard name == "self_trade" || name == "trade" else { return nil }
            let trade = try self.trade(
                from: tradeFields, in: message, market: context.market, receivedAt: context.receivedAt)
            let takerIsBuyer = trade.side != .sell
            return .fill(
                Fill(
                    header: trade.header, id: trade.id, orderID: takerIsBuyer ? trade.buyOrderID : trade.sellOrderID,
                    side: trade.side, price: trade.price, amount: trade.amount,
                    counterOrderID: takerIsBuyer ? trade.sellOrderID : trade.buyOrderID, selfTrade: true))
        case .mySettlements:
            return .settlement(settlement(name, fields, context))
        case .myLiquidations:
            return .liquidation(liquidation(name, fields, context))
        case .liveTrades, .liveOrders, .orderBook, .detailOrderBook, .diffOrderBook, .fundingRate:
            return nil
        }
    }

    /// `private-my_orders` (A.4): like `live_orders`, plus the account's fields; `amount_str` is what remains.
    private func accountOrder(_ change: OrderEvent.Change, _ fields: JSONMembers, _ context: DecodeContext)
        throws(ExchangeError) -> OrderEvent
    {
        guard let id = fields.text("id_str") ?? fields.text("id") else { throw missing("id", "order", context.market) }
        guard let price = fields.decimal("price_str") ?? fields.decimal("price") else {
            throw missing("price_str", "order", context.market)
        }
        guard let amount = fields.decimal("amount_str") ?? fields.decimal("amount") else {
            throw missing("amount_str", "order", context.market)
        }
        let side: Side? =
            switch fields.int64("order_type") {
            case 0: .buy
            case 1: .sell
            default: nil
            }
        let account = AccountOrder(
            status: nil, amountFilled: fields.decimal("amount_traded"),
            amountOriginal: fields.decimal("amount_at_create"),
            clientOrderID: fields.text("client_order_id"), stopPrice: fields.decimal("stop_price"))
        return OrderEvent(
            header: context.header(fields.int64("microtimestamp").map { Timestamp($0, .microseconds) }), event: change,
            id: id, side: side, price: price, amount: amount, subtype: fields.text("order_subtype"), account: account)
    }

    /// `private-my_trades` `trade` (A.4): amounts as strings or numbers (digits kept as sent), `fee`, `side`.
    private func accountFill(_ fields: JSONMembers, _ context: DecodeContext) throws(ExchangeError) -> Fill {
        guard let id = fields.text("id_str") ?? fields.text("id") else { throw missing("id", "fill", context.market) }
        guard let price = fields.decimal("price") else { throw missing("price", "fill", context.market) }
        guard let amount = fields.decimal("amount") else { throw missing("amount", "fill", context.market) }
        let side = fields.text("side").flatMap(Side.init(rawValue:))
        return Fill(
            header: context.header(fields.int64("microtimestamp").map { Timestamp($0, .microseconds) }), id: id,
            orderID: fields.text("order_id"), side: side, price: price, amount: amount, fee: fields.decimal("fee"),
            feeCurrency: nil, liquidity: nil, clientOrderID: fields.text("client_order_id"))
    }

    /// `private-my_settlements` (`settlement`, `insurance_fund_premium`): short wire names, seconds in `ts`.
    private func settlement(_ event: String, _ fields: JSONMembers, _ context: DecodeContext) -> Settlement {
        var settlement = Settlement(
            header: context.header(fields.int64("ts").map { Timestamp($0, .seconds) }), event: event)
        settlement.id = fields.text("tnx_id")
        settlement.positionID = fields.text("id")
        settlement.currency = fields.text("ccy")
        settlement.amount = fields.decimal("as") ?? fields.decimal("amount")
        settlement.price = fields.decimal("price")
        settlement.strikePrice = fields.decimal("sp")
        settlement.fromPrice = fields.decimal("ap")
        settlement.fromTradingFees = fields.decimal("atf")
        settlement.fromLiquidationFees = fields.decimal("alf")
        settlement.fromFunding = fields.decimal("afu")
        settlement.settlementType = fields.text("typ")
        return settlement
    }

    /// `private-my_liquidations`: one event per alert stage; the market only when the message names one.
    private func liquidation(_ event: String, _ fields: JSONMembers, _ context: DecodeContext) -> Liquidation {
        let market = fields.text("market").flatMap(Market.parse) ?? context.market
        var liquidation = Liquidation(
            header: EventHeader(
                exchange: .bitstamp, market: market,
                ts: fields.int64("microtimestamp").map { Timestamp($0, .microseconds) }, recv: context.receivedAt),
            event: event)
        liquidation.positionID = fields.text("position_id")
        liquidation.marginMode = fields.text("margin_mode")
        liquidation.initialMarginRatio = fields.decimal("initial_margin_ratio")
        liquidation.maintenanceMarginRatio = fields.decimal("maintenance_margin_ratio")
        return liquidation
    }
}

/// A settlement of the account's position (`type: settlement`), from Bitstamp `my_settlements`.
///
/// Bitstamp publishes no sample; field names follow a public client's test capture (see the README's schema table).
public struct Settlement: Equatable, Sendable {
    /// Common fields (`market` is null: the channel is account-wide).
    public var header: EventHeader
    /// The wire event: `settlement` or `insurance_fund_premium`.
    public var event: String
    /// The transaction id (`tnx_id`).
    public var id: String?
    /// The settled position (`id`).
    public var positionID: String?
    /// The currency of the amounts (`ccy`).
    public var currency: String?
    /// The amount settled (`as`, or `amount` for an insurance fund premium).
    public var amount: DecimalString?
    /// The settlement price.
    public var price: DecimalString?
    /// The strike price (`sp`).
    public var strikePrice: DecimalString?
    /// Of the amount: from the price move (`ap`).
    public var fromPrice: DecimalString?
    /// Of the amount: from trading fees (`atf`).
    public var fromTradingFees: DecimalString?
    /// Of the amount: from liquidation fees (`alf`).
    public var fromLiquidationFees: DecimalString?
    /// Of the amount: from funding (`afu`).
    public var fromFunding: DecimalString?
    /// The settlement type code (`typ`).
    public var settlementType: String?

    /// A settlement of `event` with the other fields to be filled in.
    public init(header: EventHeader, event: String) {
        self.header = header
        self.event = event
    }
}

/// A margin alert or liquidation stage of the account's position (`type: liquidation`), Bitstamp `my_liquidations`.
public struct Liquidation: Equatable, Sendable {
    /// Common fields (`market` when the message names one, else null).
    public var header: EventHeader
    /// The stage: `im_breach_warning`, `im_breach`, `mm_breach_warning`, `liquidation_start`, `liquidation_concluded`.
    public var event: String
    /// The position concerned.
    public var positionID: String?
    /// `ISOLATED` or `CROSS`, as sent.
    public var marginMode: String?
    /// The initial margin ratio, exact.
    public var initialMarginRatio: DecimalString?
    /// The maintenance margin ratio, exact.
    public var maintenanceMarginRatio: DecimalString?

    /// A liquidation alert of `event` with the other fields to be filled in.
    public init(header: EventHeader, event: String) {
        self.header = header
        self.event = event
    }
}

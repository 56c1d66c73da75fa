/// An asset the exchange lists (`type: asset`, from `streamer bitvavo get assets`).
public struct AssetInfo: Equatable, Sendable {
    /// Common fields (`market` is the asset's symbol).
    public var header: EventHeader
    /// The asset's name.
    public var name: String?
    /// Decimal places the exchange keeps.
    public var decimals: Int64?
    /// Deposit status (`OK`, `MAINTENANCE`, ...).
    public var depositStatus: String?
    /// Withdrawal status.
    public var withdrawalStatus: String?
    /// Withdrawal fee, exact.
    public var withdrawalFee: DecimalString?
    /// Smallest withdrawal, exact.
    public var withdrawalMinAmount: DecimalString?

    /// An asset with every field.
    public init(
        header: EventHeader, name: String?, decimals: Int64?, depositStatus: String?, withdrawalStatus: String?,
        withdrawalFee: DecimalString?, withdrawalMinAmount: DecimalString?
    ) {
        self.header = header
        self.name = name
        self.decimals = decimals
        self.depositStatus = depositStatus
        self.withdrawalStatus = withdrawalStatus
        self.withdrawalFee = withdrawalFee
        self.withdrawalMinAmount = withdrawalMinAmount
    }
}

/// The exchange's clock (`type: time`, from `get time`): `ts` is the server time at its finest resolution.
public struct ServerTime: Equatable, Sendable {
    /// Common fields; `ts` is the server's time.
    public var header: EventHeader

    /// A server time reading.
    public init(header: EventHeader) { self.header = header }
}

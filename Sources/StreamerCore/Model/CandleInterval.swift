/// A candle length (`--interval`): the names Bitvavo uses, which local aggregation supports too.
public struct CandleInterval: Hashable, Sendable, CustomStringConvertible {
    /// The name as typed and printed (`1m`, `4h`, `1d`).
    public let name: String
    /// Length in seconds.
    public let seconds: Int64

    /// Every supported interval, shortest first.
    public static let all: [CandleInterval] = [
        ("1m", 60), ("5m", 300), ("15m", 900), ("30m", 1800), ("1h", 3600), ("2h", 7200), ("4h", 14_400),
        ("6h", 21_600), ("8h", 28_800), ("12h", 43_200), ("1d", 86_400),
    ].map { CandleInterval(name: $0.0, seconds: $0.1) }

    /// One minute, the default.
    public static let oneMinute = CandleInterval(name: "1m", seconds: 60)

    private init(name: String, seconds: Int64) {
        self.name = name
        self.seconds = seconds
    }

    /// The interval named `text`, if supported.
    public static func named(_ text: String) -> CandleInterval? { all.first { $0.name == text.lowercased() } }

    public var description: String { name }
}

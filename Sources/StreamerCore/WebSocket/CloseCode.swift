/// A close status code (RFC 6455 §7.4).
public struct CloseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// 1000, §7.4.1: normal closure.
    public static let normal = CloseCode(rawValue: 1000)
    /// 1001: the endpoint is going away (server restart, browser navigating away).
    public static let goingAway = CloseCode(rawValue: 1001)
    /// 1002: protocol error.
    public static let protocolError = CloseCode(rawValue: 1002)
    /// 1003: a data type the endpoint cannot accept.
    public static let unsupportedData = CloseCode(rawValue: 1003)
    /// 1005: no status code was present (never sent on the wire).
    public static let noStatus = CloseCode(rawValue: 1005)
    /// 1006: closed without a Close frame (never sent on the wire).
    public static let abnormal = CloseCode(rawValue: 1006)
    /// 1007: a text message was not valid UTF-8 (§8.1).
    public static let invalidPayload = CloseCode(rawValue: 1007)
    /// 1008: policy violation.
    public static let policyViolation = CloseCode(rawValue: 1008)
    /// 1009: a message too big to process.
    public static let messageTooBig = CloseCode(rawValue: 1009)
    /// 1011: the server hit an unexpected condition.
    public static let internalError = CloseCode(rawValue: 1011)

    /// Whether the code may appear in a Close frame on the wire (§7.4.1, §7.4.2; 3000–4999 are for apps).
    public var isValidOnWire: Bool {
        switch rawValue {
        case 1000...1003, 1007...1011: true
        case 3000...4999: true
        default: false
        }
    }

    public var description: String { String(rawValue) }
}

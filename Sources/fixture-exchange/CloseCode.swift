/// Close status codes the fixture sends or checks (RFC 6455 §7.4).
enum CloseCode {
    /// 1000: normal closure (§7.4.1).
    static let normal: UInt16 = 1000
    /// 1002: the peer broke the protocol (§7.4.1).
    static let protocolError: UInt16 = 1002
    /// 1007: a text message that is not UTF-8 (§7.4.1, §8.1).
    static let invalidPayload: UInt16 = 1007
    /// 1008: policy violation; sent when the client's message is not the one the script expects.
    static let policyViolation: UInt16 = 1008
    /// 1009: a message too big to process (§7.4.1).
    static let messageTooBig: UInt16 = 1009

    /// Whether `code` may appear in a Close frame: not 1004-1006, 1015, nor outside 1000-4999 (§7.4.1, §7.4.2).
    static func isAllowedOnWire(_ code: UInt16) -> Bool {
        switch code {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }
}

/// A frame opcode (RFC 6455 §5.2, §11.8).
public struct Opcode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0x0F }

    /// §5.4: continues a fragmented message.
    public static let continuation = Opcode(rawValue: 0x0)
    /// §5.6: UTF-8 text.
    public static let text = Opcode(rawValue: 0x1)
    /// §5.6: binary data.
    public static let binary = Opcode(rawValue: 0x2)
    /// §5.5.1: close.
    public static let close = Opcode(rawValue: 0x8)
    /// §5.5.2: ping.
    public static let ping = Opcode(rawValue: 0x9)
    /// §5.5.3: pong.
    public static let pong = Opcode(rawValue: 0xA)

    /// Control frames have the high opcode bit set (§5.5).
    public var isControl: Bool { rawValue & 0x8 != 0 }
    /// Opcodes 3–7 and 0xB–0xF are reserved (§5.2) and must fail the connection.
    public var isReserved: Bool { !(rawValue <= 2 || (rawValue >= 8 && rawValue <= 0xA)) }

    public var description: String {
        switch self {
        case .continuation: "continuation"
        case .text: "text"
        case .binary: "binary"
        case .close: "close"
        case .ping: "ping"
        case .pong: "pong"
        default: "reserved opcode \(rawValue)"
        }
    }
}

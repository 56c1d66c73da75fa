/// One WebSocket frame with its payload unmasked (RFC 6455 §5.2).
public struct Frame: Equatable, Sendable {
    /// FIN: the last fragment of a message.
    public var fin: Bool
    /// What the payload is.
    public var opcode: Opcode
    /// The application data, already unmasked.
    public var payload: [UInt8]

    /// A frame; `fin` defaults to a complete, unfragmented message.
    public init(fin: Bool = true, opcode: Opcode, payload: [UInt8] = []) {
        self.fin = fin
        self.opcode = opcode
        self.payload = payload
    }
}

/// One frame as a client sent it, with the payload already unmasked.
struct ClientFrame: Equatable, Sendable {
    let fin: Bool
    let opcode: Opcode
    let payload: [UInt8]
}

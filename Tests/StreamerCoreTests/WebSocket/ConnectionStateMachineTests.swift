import Testing

@testable import StreamerCore

/// Reassembly, control frames between fragments, the close handshake and per-message checks.
struct ConnectionStateMachineTests {
    private func text(_ string: String, fin: Bool = true, continuation: Bool = false) -> Frame {
        Frame(fin: fin, opcode: continuation ? .continuation : .text, payload: Array(string.utf8))
    }

    @Test func reassemblesAFragmentedMessageWithAPingInTheMiddle() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        #expect(try machine.received(text("Hel", fin: false)) == .none)
        #expect(
            try machine.received(Frame(opcode: .ping, payload: [1, 2])) == .send(Frame(opcode: .pong, payload: [1, 2])))
        #expect(try machine.received(text("l", fin: false, continuation: true)) == .none)
        #expect(
            try machine.received(text("o", continuation: true))
                == .deliver(Message(isText: true, bytes: Array("Hello".utf8))))
    }

    @Test func answersTheServersCloseByEchoingItsCode() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        let action = try machine.received(Frame(opcode: .close, payload: [0x03, 0xE8] + Array("bye".utf8)))
        #expect(
            action == .peerClosed(code: .normal, reason: "bye", reply: Frame(opcode: .close, payload: [0x03, 0xE8])))
        #expect(machine.closeSent)
    }

    @Test func completesTheHandshakeWithoutReplyingWhenWeClosedFirst() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        #expect(machine.closeFrame(.normal) == Frame(opcode: .close, payload: [0x03, 0xE8]))
        #expect(machine.closeFrame(.normal) == nil)
        #expect(
            try machine.received(Frame(opcode: .close, payload: [0x03, 0xE8]))
                == .peerClosed(code: .normal, reason: "", reply: nil))
    }

    @Test func acceptsAnEmptyCloseAsNoStatus() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        #expect(
            try machine.received(Frame(opcode: .close))
                == .peerClosed(code: nil, reason: "", reply: Frame(opcode: .close)))
    }

    @Test(arguments: [[0x03], [0x03, 0xED], [0x00, 0x00], [0x13, 0x88]] as [[UInt8]])
    func rejectsInvalidClosePayloads(payload: [UInt8]) {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        #expect(throws: FrameError.invalidClosePayload) {
            try machine.received(Frame(opcode: .close, payload: payload))
        }
    }

    @Test func rejectsInvalidUTF8InATextMessage() {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        #expect(throws: FrameError.invalidUTF8) {
            try machine.received(Frame(opcode: .text, payload: [0x61, 0xC3, 0x28]))
        }
    }

    @Test func validatesUTF8PerMessageSoACharacterMaySpanFragments() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        let euro: [UInt8] = [0xE2, 0x82, 0xAC]
        #expect(try machine.received(Frame(fin: false, opcode: .text, payload: [euro[0]])) == .none)
        let action = try machine.received(Frame(fin: true, opcode: .continuation, payload: Array(euro[1...])))
        #expect(action == .deliver(Message(isText: true, bytes: euro)))
    }

    @Test func rejectsAReassembledMessageOverTheCap() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 4)
        _ = try machine.received(text("abc", fin: false))
        #expect(throws: FrameError.messageTooBig(6, limit: 4)) { try machine.received(text("def", continuation: true)) }
    }

    @Test func rejectsAContinuationWithoutAMessage() {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        #expect(throws: FrameError.unexpectedContinuation) { try machine.received(text("x", continuation: true)) }
    }

    @Test func rejectsANewMessageInsideAFragmentedOne() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        _ = try machine.received(text("a", fin: false))
        #expect(throws: FrameError.interleavedMessage) { try machine.received(text("b")) }
    }

    @Test func deliversBinaryMessagesWithoutUTF8Checks() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        #expect(
            try machine.received(Frame(opcode: .binary, payload: [0xFF]))
                == .deliver(Message(isText: false, bytes: [0xFF])))
    }
}

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

    /// Autobahn 6.4.1: a valid first fragment, then one holding U+110000 (F4 90 80 80), then more text.
    @Test func rejectsInvalidUTF8InAFragmentWithoutWaitingForTheMessageEnd() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        #expect(try machine.received(Frame(fin: false, opcode: .text, payload: Array("κόσμε".utf8))) == .none)
        #expect(throws: FrameError.invalidUTF8) {
            try machine.received(Frame(fin: false, opcode: .continuation, payload: [0xF4, 0x90, 0x80, 0x80]))
        }
    }

    /// Autobahn 6.4.2: F4 ends one fragment and 90 starts the next; no character above U+10FFFF can follow F4 90.
    @Test func rejectsACharacterCutByAFragmentBoundaryAsSoonAsItCannotBeValid() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        #expect(try machine.received(Frame(fin: false, opcode: .text, payload: Array("κ".utf8) + [0xF4])) == .none)
        #expect(throws: FrameError.invalidUTF8) {
            try machine.received(Frame(fin: false, opcode: .continuation, payload: [0x90]))
        }
    }

    @Test func acceptsAFourByteCharacterSplitOverThreeFragments() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        let clef: [UInt8] = [0xF0, 0x9D, 0x84, 0x9E]  // U+1D11E
        #expect(try machine.received(Frame(fin: false, opcode: .text, payload: [0x61, clef[0]])) == .none)
        #expect(try machine.received(Frame(fin: false, opcode: .continuation, payload: [clef[1]])) == .none)
        let action = try machine.received(Frame(fin: true, opcode: .continuation, payload: Array(clef[2...]) + [0x62]))
        #expect(action == .deliver(Message(isText: true, bytes: [0x61] + clef + [0x62])))
    }

    @Test func rejectsAMessageThatEndsInsideACharacter() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        #expect(try machine.received(Frame(fin: false, opcode: .text, payload: [0x61, 0xE2, 0x82])) == .none)
        #expect(throws: FrameError.invalidUTF8) { try machine.received(Frame(fin: true, opcode: .continuation)) }
    }

    /// Autobahn 6.4.3: the invalid bytes arrive in the middle of one frame; the check runs on what arrived so far.
    @Test func rejectsInvalidUTF8InAFrameStillArriving() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        let head = Array("κόσμε".utf8)
        try head.withUnsafeBytes { try machine.receivedPartial(opcode: .text, payloadSoFar: $0) }
        let more = head + [0xF4, 0x90]
        #expect(throws: FrameError.invalidUTF8) {
            try more.withUnsafeBytes { try machine.receivedPartial(opcode: .text, payloadSoFar: $0) }
        }
    }

    @Test func checksOnlyTheRestOfAFrameAlreadySeenInPart() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        let payload = Array("h€llo".utf8)
        try payload.prefix(2).withUnsafeBytes { try machine.receivedPartial(opcode: .text, payloadSoFar: $0) }
        #expect(
            try machine.received(Frame(opcode: .text, payload: payload))
                == .deliver(Message(isText: true, bytes: payload)))
        #expect(throws: FrameError.invalidUTF8) { try machine.received(Frame(opcode: .text, payload: [0x82])) }
    }

    @Test func leavesBinaryFramesStillArrivingUnchecked() throws {
        var machine = ConnectionStateMachine(maxMessageSize: 1024)
        let bytes: [UInt8] = [0xFF, 0xFE]
        try bytes.withUnsafeBytes { try machine.receivedPartial(opcode: .binary, payloadSoFar: $0) }
        #expect(
            try machine.received(Frame(opcode: .binary, payload: bytes))
                == .deliver(Message(isText: false, bytes: bytes)))
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

import Testing

@testable import StreamerCore

/// The client loop over an in-memory stream: what it delivers and what it writes back.
struct WebSocketClientTests {
    private func serverFrame(_ opcode: Opcode, _ payload: [UInt8], fin: Bool = true) -> [UInt8] {
        FrameEncoder.encode(Frame(fin: fin, opcode: opcode, payload: payload), maskingKey: nil)
    }

    @Test func answersAPingWithAMaskedPongCarryingTheSamePayload() throws {
        let stream = ScriptedStream([serverFrame(.ping, Array("hello".utf8)), serverFrame(.text, Array("after".utf8))])
        let client = WebSocketClient(stream: stream, maxMessageSize: 1024)
        #expect(try client.next(timeoutMilliseconds: 0) == .message(Message(isText: true, bytes: Array("after".utf8))))
        let written = stream.writtenFrames()
        #expect(written.count == 1)
        #expect(written.first?.masked == true)
        #expect(written.first?.frame == Frame(opcode: .pong, payload: Array("hello".utf8)))
    }

    @Test func deliversAFragmentedTextWithAPingBetweenFragmentsSplitAcrossReads() throws {
        let bytes =
            serverFrame(.text, Array("Hel".utf8), fin: false) + serverFrame(.ping, [9])
            + serverFrame(.continuation, Array("lo".utf8))
        let stream = ScriptedStream(bytes.map { [$0] })  // one byte per read
        let client = WebSocketClient(stream: stream, maxMessageSize: 1024)
        var event = WebSocketClient.Event.idle
        while event == .idle { event = try client.next(timeoutMilliseconds: 0) }
        #expect(event == .message(Message(isText: true, bytes: Array("Hello".utf8))))
        #expect(stream.writtenFrames().map(\.frame) == [Frame(opcode: .pong, payload: [9])])
    }

    @Test func completesTheCloseHandshakeTheServerStarts() throws {
        let stream = ScriptedStream([serverFrame(.close, [0x03, 0xE8])])
        let client = WebSocketClient(stream: stream, maxMessageSize: 1024)
        #expect(try client.next(timeoutMilliseconds: 0) == .closed(code: .normal, reason: ""))
        #expect(stream.writtenFrames().map(\.frame) == [Frame(opcode: .close, payload: [0x03, 0xE8])])
        #expect(stream.closed && client.isFinished)
    }

    @Test func sendsCloseAndWaitsForTheServersReplyWhenClosingFirst() {
        let stream = ScriptedStream([serverFrame(.text, [0x61]), serverFrame(.close, [0x03, 0xE8])])
        let client = WebSocketClient(stream: stream, maxMessageSize: 1024)
        client.close(.normal)
        #expect(stream.writtenFrames().map(\.frame) == [Frame(opcode: .close, payload: [0x03, 0xE8])])
        #expect(stream.chunks.isEmpty)  // it read up to the server's Close
        #expect(stream.closed)
    }

    @Test func masksEveryFrameItSends() throws {
        let stream = ScriptedStream([])
        let client = WebSocketClient(stream: stream, maxMessageSize: 1024)
        try client.send(text: #"{"event":"bts:subscribe"}"#)
        try client.ping([1])
        let written = stream.writtenFrames()
        #expect(written.count == 2 && written.allSatisfy(\.masked))
        #expect(written.first?.frame == Frame(opcode: .text, payload: Array(#"{"event":"bts:subscribe"}"#.utf8)))
    }

    @Test(
        arguments: [
            ([0x81, 0x81, 1, 2, 3, 4, 0x61], FrameError.maskedFrameFromServer, 1002),
            ([0xC1, 0x00], FrameError.reservedBitsSet, 1002),
            ([0x81, 0x02, 0xC3, 0x28], FrameError.invalidUTF8, 1007),
            ([0x82, 0x7E, 0x08, 0x00], FrameError.messageTooBig(2048, limit: 1024), 1009),
        ] as [([UInt8], FrameError, UInt16)])
    func failsTheConnectionWithTheMatchingCloseCode(bytes: [UInt8], error: FrameError, code: UInt16) {
        let stream = ScriptedStream([bytes])
        let client = WebSocketClient(stream: stream, maxMessageSize: 1024)
        #expect(throws: WebSocketError.protocolViolation(peer: "scripted:0", error)) {
            try client.next(timeoutMilliseconds: 0)
        }
        let written = stream.writtenFrames()
        #expect(written.count == 1)
        #expect(written.first?.frame.opcode == .close)
        #expect(written.first?.frame.payload.prefix(2) == [UInt8(code >> 8), UInt8(code & 0xFF)][...])
        #expect(stream.closed)
    }

    /// Autobahn 6.4.4: one text frame arrives in chops; the chop with F4 90 fails it before the frame is complete.
    @Test func failsATextFrameAsSoonAsItsInvalidBytesArrive() throws {
        let frame = serverFrame(.text, Array("κόσμε".utf8) + [0xF4, 0x90, 0x80, 0x80] + Array("edited".utf8))
        let stream = ScriptedStream([Array(frame[..<13])], endsAfterChunks: false)  // up to F4, which may be valid
        let client = WebSocketClient(stream: stream, maxMessageSize: 1024)
        #expect(try client.next(timeoutMilliseconds: 0) == .idle)
        #expect(stream.writtenFrames().isEmpty)
        stream.chunks.append(Array(frame[13..<15]))  // 90 80: nothing above U+10FFFF may follow F4
        #expect(throws: WebSocketError.protocolViolation(peer: "scripted:0", .invalidUTF8)) {
            try client.next(timeoutMilliseconds: 0)
        }
        #expect(stream.writtenFrames().map(\.frame) == [Frame(opcode: .close, payload: [0x03, 0xEF])])
    }

    @Test func echoesBinaryMessagesWithTheBinaryOpcode() throws {
        let stream = ScriptedStream([])
        let client = WebSocketClient(stream: stream, maxMessageSize: 1024)
        try client.send(binary: [0x00, 0xFF])
        try client.send(Message(isText: true, bytes: Array("hi".utf8)))
        #expect(
            stream.writtenFrames().map(\.frame) == [
                Frame(opcode: .binary, payload: [0x00, 0xFF]), Frame(opcode: .text, payload: Array("hi".utf8)),
            ])
    }

    @Test func reportsAConnectionThatEndsWithoutACloseFrame() {
        let stream = ScriptedStream([serverFrame(.text, [0x61])])
        let client = WebSocketClient(stream: stream, maxMessageSize: 1024)
        #expect(throws: Never.self) { try client.next(timeoutMilliseconds: 0) }
        #expect(throws: WebSocketError.connectionLost(peer: "scripted:0")) { try client.next(timeoutMilliseconds: 0) }
    }

    @Test func returnsIdleWhenNothingArrives() throws {
        let stream = ScriptedStream([], endsAfterChunks: false)
        let client = WebSocketClient(stream: stream, maxMessageSize: 1024)
        #expect(try client.next(timeoutMilliseconds: 0) == .idle)
    }
}

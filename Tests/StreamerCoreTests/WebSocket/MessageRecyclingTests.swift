import Testing

@testable import StreamerCore

/// Delivered message arrays handed back with `WebSocketClient.recycle` are reused for later frames, without ever
/// changing bytes the caller still holds.
struct MessageRecyclingTests {
    private func serverFrame(_ opcode: Opcode, _ payload: [UInt8], fin: Bool = true) -> [UInt8] {
        FrameEncoder.encode(Frame(fin: fin, opcode: opcode, payload: payload), maskingKey: nil)
    }

    @Test func parsesTheSameFramesIntoARecycledBuffer() throws {
        let frames = [
            serverFrame(.text, Array("first message".utf8)), serverFrame(.ping, [1, 2]),
            serverFrame(.text, Array("2nd".utf8), fin: false),
            serverFrame(.continuation, Array(repeating: 0x61, count: 300)),
        ]
        var plain = FrameParser()
        var reusing = FrameParser()
        plain.append(frames.flatMap { $0 })
        reusing.append(frames.flatMap { $0 })
        var spare = Array(repeating: UInt8(0xEE), count: 500)
        while let expected = try plain.next() {
            let frame = try reusing.next(reusing: &spare)
            #expect(frame == expected)
            #expect(spare.isEmpty)
            spare = frame?.payload ?? []
        }
        #expect(try reusing.next(reusing: &spare) == nil)
    }

    @Test func neverChangesBytesTheCallerStillHolds() throws {
        let stream = ScriptedStream([
            serverFrame(.text, Array("one".utf8)) + serverFrame(.text, Array("two, longer".utf8))
                + serverFrame(.text, Array("3".utf8))
        ])
        let client = WebSocketClient(stream: stream, maxMessageSize: 1024)
        var held: [[UInt8]] = []
        for _ in 0..<3 {
            guard case .message(let message) = try client.next(timeoutMilliseconds: 0) else {
                Issue.record("no message")
                return
            }
            held.append(message.bytes)
            client.recycle(message.bytes)  // still held above: the client must copy, not overwrite
        }
        #expect(held == [Array("one".utf8), Array("two, longer".utf8), Array("3".utf8)])
    }

    @Test func aLargeMessageIsNotKeptForReuse() throws {
        let large = Array(repeating: UInt8(0x61), count: 1 << 20)
        let stream = ScriptedStream([
            serverFrame(.text, large) + (0..<3).flatMap { _ in serverFrame(.text, Array("x".utf8)) }
        ])
        let client = WebSocketClient(stream: stream, maxMessageSize: 4 << 20)
        var capacities: [Int] = []
        for _ in 0..<4 {
            guard case .message(let message) = try client.next(timeoutMilliseconds: 0) else {
                Issue.record("no message")
                return
            }
            capacities.append(message.bytes.capacity)
            client.recycle(message.bytes)
        }
        #expect(capacities[0] >= large.count)
        // The 1 MiB array was let go: later messages get arrays of their own size, not the big one back.
        #expect(capacities.dropFirst().allSatisfy { $0 <= WebSocketClient.recycledCapacityLimit }, "\(capacities)")
    }
}

import Testing

@testable import StreamerCore

/// RFC 6455 §5.7 examples, length boundaries and every §5 rule a server can break.
struct FrameParserTests {
    private func parseAll(_ bytes: [UInt8], maxPayload: Int = 16 << 20) throws -> [Frame] {
        var parser = FrameParser(maxPayload: maxPayload, initialCapacity: 64)
        parser.append(bytes)
        var frames: [Frame] = []
        while let frame = try parser.next() { frames.append(frame) }
        #expect(parser.bufferedCount == 0)
        return frames
    }

    @Test func decodesTheUnmaskedHelloExampleFromSection5_7() throws {
        let frames = try parseAll([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f])
        #expect(frames == [Frame(fin: true, opcode: .text, payload: Array("Hello".utf8))])
    }

    @Test func decodesTheFragmentedHelloExampleFromSection5_7() throws {
        let frames = try parseAll([0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f])
        #expect(
            frames == [
                Frame(fin: false, opcode: .text, payload: Array("Hel".utf8)),
                Frame(fin: true, opcode: .continuation, payload: Array("lo".utf8)),
            ])
    }

    @Test func lendsThePayloadReceivedSoFarOfAnIncompleteFrame() throws {
        var parser = FrameParser(initialCapacity: 64)
        parser.append([0x81, 0x05, 0x48, 0x65])
        #expect(try parser.next() == nil)
        let seen = parser.withIncompleteFrame { opcode, payload in (opcode, Array(payload)) }
        #expect(seen?.0 == .text)
        #expect(seen?.1 == [0x48, 0x65])
        parser.append([0x6c, 0x6c, 0x6f])
        #expect(try parser.next() == Frame(opcode: .text, payload: Array("Hello".utf8)))
        #expect(parser.withIncompleteFrame { _, _ in true } == nil)
    }

    @Test func lendsNothingWhileTheHeaderIsIncomplete() {
        var parser = FrameParser(initialCapacity: 64)
        parser.append([0x82, 0x7E, 0x01])
        #expect(parser.withIncompleteFrame { _, _ in true } == nil)
    }

    @Test func decodesTheUnmaskedPingExampleFromSection5_7() throws {
        let frames = try parseAll([0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f])
        #expect(frames == [Frame(opcode: .ping, payload: Array("Hello".utf8))])
    }

    @Test func decodesThe256ByteBinaryExampleWithA16BitLength() throws {
        let payload = (0..<256).map { UInt8($0 & 0xFF) }
        let frames = try parseAll([0x82, 0x7E, 0x01, 0x00] + payload)
        #expect(frames == [Frame(opcode: .binary, payload: payload)])
    }

    @Test func decodesThe64KiBBinaryExampleWithA64BitLength() throws {
        let payload = [UInt8](repeating: 0x5A, count: 65536)
        let frames = try parseAll([0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0] + payload)
        #expect(frames == [Frame(opcode: .binary, payload: payload)])
    }

    @Test(arguments: [0, 1, 125, 126, 127, 65535, 65536, 70000])
    func roundTripsPayloadLengthsAroundTheEncodingBoundaries(length: Int) throws {
        let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let encoded = FrameEncoder.encode(Frame(opcode: .binary, payload: payload), maskingKey: nil)
        let expectedHeader = length <= 125 ? 2 : (length <= 65535 ? 4 : 10)
        #expect(encoded.count == expectedHeader + length)
        #expect(try parseAll(encoded) == [Frame(opcode: .binary, payload: payload)])
    }

    @Test func waitsForMoreBytesWhenFedOneByteAtATime() throws {
        let bytes = FrameEncoder.encode(
            Frame(opcode: .text, payload: Array(repeating: 0x61, count: 300)), maskingKey: nil)
        var parser = FrameParser(maxPayload: 1 << 20, initialCapacity: 16)
        var frames: [Frame] = []
        for byte in bytes {
            parser.append([byte])
            if let frame = try parser.next() { frames.append(frame) }
        }
        #expect(frames.count == 1)
        #expect(frames.first?.payload.count == 300)
    }

    @Test func parsesManyFramesThroughTheReadBufferWithoutLosingBytes() throws {
        var parser = FrameParser(maxPayload: 1 << 20, initialCapacity: 32)
        var expected: [[UInt8]] = []
        var received: [[UInt8]] = []
        for round in 0..<200 {
            let payload = Array("message \(round) ".utf8) + [UInt8](repeating: UInt8(round & 0x7F), count: round % 40)
            expected.append(payload)
            let encoded = FrameEncoder.encode(Frame(opcode: .text, payload: payload), maskingKey: nil)
            var offset = 0
            while offset < encoded.count {  // write in odd-sized pieces through `fill`
                let piece = min(7, encoded.count - offset)
                _ = parser.fill(minimumSpace: 16) { (buffer) -> Int? in
                    for index in 0..<piece { buffer[index] = encoded[offset + index] }
                    return piece
                }
                offset += piece
                while let frame = try parser.next() { received.append(frame.payload) }
            }
        }
        #expect(received == expected)
    }

    @Test func rejectsMaskedFramesFromTheServer() {
        #expect(throws: FrameError.maskedFrameFromServer) {
            try parseAll([0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58])
        }
    }

    @Test(arguments: [0xC1, 0xA1, 0x91] as [UInt8])
    func rejectsReservedBits(firstByte: UInt8) {
        #expect(throws: FrameError.reservedBitsSet) { try parseAll([firstByte, 0x00]) }
    }

    @Test(arguments: [0x83, 0x87, 0x8B, 0x8F] as [UInt8])
    func rejectsReservedOpcodes(firstByte: UInt8) {
        #expect(throws: FrameError.reservedOpcode(firstByte & 0x0F)) { try parseAll([firstByte, 0x00]) }
    }

    @Test func rejectsFragmentedControlFrames() {
        #expect(throws: FrameError.fragmentedControlFrame) { try parseAll([0x09, 0x00]) }
    }

    @Test func rejectsControlFramesLongerThan125Bytes() {
        #expect(throws: FrameError.controlPayloadTooLong(126)) {
            try parseAll([0x89, 0x7E, 0x00, 0x7E] + [UInt8](repeating: 0, count: 126))
        }
    }

    @Test func rejectsAFrameOverTheSizeCapFromItsHeaderAlone() {
        // Only the header arrives: the parser must refuse before buffering the payload.
        #expect(throws: FrameError.messageTooBig(2000, limit: 1024)) {
            try parseAll([0x82, 0x7E, 0x07, 0xD0], maxPayload: 1024)
        }
    }

    @Test func rejectsA64BitLengthWithTheTopBitSet() {
        #expect(throws: FrameError.invalidLength(0x8000_0000_0000_0000)) {
            try parseAll([0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0])
        }
    }

    @Test func mapsErrorsToTheCloseCodesOfSection7_4() {
        #expect(FrameError.maskedFrameFromServer.closeCode == .protocolError)
        #expect(FrameError.invalidUTF8.closeCode == .invalidPayload)
        #expect(FrameError.messageTooBig(1, limit: 0).closeCode == .messageTooBig)
        #expect(CloseCode.protocolError.rawValue == 1002)
        #expect(CloseCode.invalidPayload.rawValue == 1007)
        #expect(CloseCode.messageTooBig.rawValue == 1009)
    }
}

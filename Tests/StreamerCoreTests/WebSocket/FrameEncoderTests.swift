import Testing

@testable import StreamerCore

/// Client frames: masking per §5.3 and the §5.7 masked example.
struct FrameEncoderTests {
    @Test func encodesTheMaskedHelloExampleFromSection5_7() {
        let bytes = FrameEncoder.encode(
            Frame(opcode: .text, payload: Array("Hello".utf8)), maskingKey: [0x37, 0xfa, 0x21, 0x3d])
        #expect(bytes == [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58])
    }

    @Test(arguments: [0, 5, 125, 126, 65535, 65536])
    func masksAndUnmasksBackToThePayload(length: Int) {
        let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let stream = ScriptedStream([])
        stream.written = FrameEncoder.encodeClient(Frame(opcode: .binary, payload: payload))
        let frames = stream.writtenFrames()
        #expect(frames.count == 1)
        #expect(frames.first?.masked == true)
        #expect(frames.first?.frame.payload == payload)
    }

    @Test func usesAFreshMaskingKeyForEveryFrame() {
        let frame = Frame(opcode: .text, payload: Array("same".utf8))
        let keys = Set((0..<20).map { _ in Array(FrameEncoder.encodeClient(frame)[2..<6]) })
        #expect(keys.count > 15)  // 20 draws of 32 random bits: a repeat is astronomically unlikely
    }

    @Test func putsTheCloseCodeInNetworkOrderBeforeTheReason() {
        #expect(FrameEncoder.closePayload(.protocolError, reason: "x") == [0x03, 0xEA, 0x78])
    }
}

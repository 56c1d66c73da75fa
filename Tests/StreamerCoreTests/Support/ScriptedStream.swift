@testable import StreamerCore

/// An in-memory `ByteStream`: reads come from scripted chunks, writes are captured.
final class ScriptedStream: ByteStream {
    let peerName = "scripted:0"
    /// Chunks `read` hands out, one per call, in order.
    var chunks: [[UInt8]]
    /// Everything the client wrote.
    var written: [UInt8] = []
    /// Whether `close` was called.
    var closed = false
    /// Return end-of-stream once the chunks are used up (otherwise "nothing available yet").
    var endsAfterChunks: Bool

    /// A stream that will deliver `chunks`.
    init(_ chunks: [[UInt8]], endsAfterChunks: Bool = true) {
        self.chunks = chunks
        self.endsAfterChunks = endsAfterChunks
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int? {
        guard !chunks.isEmpty else { return endsAfterChunks ? 0 : nil }
        var chunk = chunks.removeFirst()
        let count = min(chunk.count, buffer.count)
        for index in 0..<count { buffer[index] = chunk[index] }
        if count < chunk.count {
            chunk.removeFirst(count)
            chunks.insert(chunk, at: 0)
        }
        return count
    }

    func write(_ bytes: UnsafeRawBufferPointer, timeoutMilliseconds: Int32) throws(TransportError) {
        written.append(contentsOf: bytes)
    }

    func waitUntilReadable(timeoutMilliseconds: Int32) throws(TransportError) -> Bool {
        !chunks.isEmpty || endsAfterChunks
    }

    func close() { closed = true }

    /// The frames the client wrote, unmasked, with whether each was masked.
    func writtenFrames() -> [(frame: Frame, masked: Bool)] {
        var frames: [(Frame, Bool)] = []
        var index = 0
        let bytes = written
        while index + 2 <= bytes.count {
            let fin = bytes[index] & 0x80 != 0
            let opcode = Opcode(rawValue: bytes[index])
            let masked = bytes[index + 1] & 0x80 != 0
            var length = Int(bytes[index + 1] & 0x7F)
            var offset = index + 2
            if length == 126 {
                length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
                offset += 2
            } else if length == 127 {
                length = bytes[offset..<offset + 8].reduce(0) { $0 << 8 | Int($1) }
                offset += 8
            }
            var key: [UInt8] = [0, 0, 0, 0]
            if masked {
                key = Array(bytes[offset..<offset + 4])
                offset += 4
            }
            let payload = bytes[offset..<offset + length].enumerated().map { $0.element ^ key[$0.offset & 3] }
            frames.append((Frame(fin: fin, opcode: opcode, payload: payload), masked))
            index = offset + length
        }
        return frames
    }
}

import StreamerCore

/// The trivial reader that measures the flood server's own ceiling: it does the handshake, sends one masked
/// subscription, then only walks frame headers and counts bytes until the server's Close.
///
/// TCP and TLS come from StreamerCore's transport (what the client pays for `SSL_read` too); nothing is parsed.
struct FloodReader {
    /// What one read-to-close produced.
    struct Result {
        let frames: Int
        let bytes: Int
        /// From the subscription being sent to the server's Close.
        let seconds: Double
    }

    let port: Int
    let tls: Bool
    let caFile: String

    /// Connects, subscribes with `subscription`, and reads until the Close frame.
    func run(subscription: String) throws -> Result {
        let tcp = try TCPConnection.connect(host: "127.0.0.1", port: port, timeoutMilliseconds: 5_000)
        let stream: any ByteStream =
            tls
            ? try TLSSession.handshake(
                over: tcp, host: "127.0.0.1", options: TLSOptions(extraCAFile: caFile), timeoutMilliseconds: 5_000)
            : tcp
        defer { stream.close() }
        let request =
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        try stream.write(Array(request.utf8), timeoutMilliseconds: 5_000)
        var buffer = [UInt8](repeating: 0, count: 256 << 10)
        var head: [UInt8] = []
        var leftover: ArraySlice<UInt8> = []
        while true {
            let count = try readSome(stream, into: &buffer)
            guard count > 0 else { throw BenchError.failed("the server closed during the handshake") }
            head += buffer[0..<count]
            if let end = head.firstRange(of: [13, 10, 13, 10]) {
                leftover = head[end.upperBound...]
                head = Array(head[..<end.upperBound])
                break
            }
        }
        guard head.starts(with: Array("HTTP/1.1 101".utf8)) else {
            throw BenchError.failed("handshake refused: \(String(decoding: head.prefix(40), as: UTF8.self))")
        }
        let start = Clock.now()
        try stream.write(FloodReader.maskedText(Array(subscription.utf8)), timeoutMilliseconds: 5_000)
        var walker = FrameWalker()
        walker.consume(Array(leftover))
        while !walker.sawClose {
            let count = try readSome(stream, into: &buffer)
            guard count > 0 else { break }
            buffer.withUnsafeBufferPointer { walker.consume(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
        let seconds = Clock.seconds(from: start, to: Clock.now())
        try? stream.write(FloodReader.maskedClose(), timeoutMilliseconds: 1_000)  // try?: the server may be gone
        return Result(frames: walker.dataFrames, bytes: walker.bytes, seconds: seconds)
    }

    /// Reads what is there, waiting for it; 0 at end of stream.
    private func readSome(_ stream: any ByteStream, into buffer: inout [UInt8]) throws -> Int {
        while true {
            if let count = try stream.read(into: &buffer) { return count }
            _ = try stream.waitUntilReadable(timeoutMilliseconds: 10_000)
        }
    }

    /// A masked text frame (RFC 6455 §5.3: clients mask) with a fixed key; fine for a benchmark.
    static func maskedText(_ payload: [UInt8]) -> [UInt8] {
        let key: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]
        var frame: [UInt8] = [0x81]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        frame += key
        for (index, byte) in payload.enumerated() { frame.append(byte ^ key[index % 4]) }
        return frame
    }

    /// A masked Close 1000 (§5.5.1).
    static func maskedClose() -> [UInt8] {
        let key: [UInt8] = [1, 2, 3, 4]
        return [0x88, 0x82] + key + [0x03 ^ key[0], 0xE8 ^ key[1]]
    }
}

/// Walks server frame headers across read boundaries, skipping payloads; counts data frames and bytes.
struct FrameWalker {
    private(set) var dataFrames = 0
    private(set) var bytes = 0
    private(set) var sawClose = false
    private var header: [UInt8] = []
    private var payloadLeft = 0

    /// Walks `chunk`, the next bytes of the stream.
    mutating func consume(_ chunk: [UInt8]) {
        chunk.withUnsafeBufferPointer { consume($0) }
    }

    /// Walks `chunk`, the next bytes of the stream, without copying it.
    mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>) {
        bytes += chunk.count
        var index = 0
        while index < chunk.count && !sawClose {
            if payloadLeft > 0 {
                let skip = min(payloadLeft, chunk.count - index)
                index += skip
                payloadLeft -= skip
                continue
            }
            header.append(chunk[index])
            index += 1
            guard header.count >= 2 else { continue }
            let short = Int(header[1] & 0x7F)
            let width = short == 126 ? 2 : short == 127 ? 8 : 0
            guard header.count == 2 + width else { continue }
            var length = short
            if width > 0 {
                length = 0
                for offset in 0..<width { length = length << 8 | Int(header[2 + offset]) }
            }
            let opcode = header[0] & 0x0F
            if opcode == 0x8 {
                sawClose = true
            } else if opcode == 0x1 || opcode == 0x2 {
                dataFrames += 1
            }
            payloadLeft = length
            header.removeAll(keepingCapacity: true)
        }
    }
}

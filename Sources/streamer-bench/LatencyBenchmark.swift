import StreamerCore

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Delivery latency at a low rate (issue 7: "a pipe reader must still see each event within a millisecond of its
/// arrival when the rate is low"): the bench itself is the exchange, sends one Bitstamp trade, and times how long the
/// matching line takes to come out of `streamer`'s stdout pipe; then it waits a little and sends the next.
///
/// Both timestamps are the bench's own monotonic clock, so the figure is the whole path: loopback TCP, the client's
/// read, decode, render, its flush when the input goes quiet, and the pipe.
struct LatencyBenchmark {
    let options: BenchOptions
    let clientCPU: Int?
    let serverCPU: Int?
    /// Trades sent, one at a time.
    static let messages = 500
    /// The pause after each line arrives before the next trade is sent.
    static let pauseMicroseconds: UInt32 = 2_000
    /// The exchange's confirmation of the subscription, sent before the first trade.
    static let subscribed = #"{"event":"bts:subscription_succeeded","channel":"live_trades_btcusd","data":{}}"#

    /// Runs the exchange side, prints the median, p99 and worst latency; `pinned` puts the client and the bench on
    /// different CPUs (every wake-up then crosses CPUs), otherwise the scheduler places both.
    func run(pinned: Bool) throws {
        let clientCPU = pinned ? self.clientCPU : nil
        let serverCPU = pinned ? self.serverCPU : nil
        let lines = try FileBytes.contents(of: EndToEndBenchmarks.tradesFile)
            .split(separator: UInt8(ascii: "\n")).prefix(Self.messages).map { Self.textFrame(Array($0)) }
        guard lines.count == Self.messages else {
            throw BenchError.failed("\(EndToEndBenchmarks.tradesFile) has fewer than \(Self.messages) lines")
        }
        let listener = try LoopbackListener()
        defer { listener.stop() }
        let arguments = [
            options.binary("streamer"), "bitstamp", "trades", "btcusd", "--endpoint", "ws://127.0.0.1:\(listener.port)",
            "--format", "jsonl", "--count", String(Self.messages), "--no-validate",
        ]
        let errors = "/tmp/streamer-bench-\(getpid()).latency"
        defer { unlink(errors) }
        let child = try ChildProcess.spawn(arguments, stdout: .pipe, stderr: .file(errors), cpu: clientCPU)
        var reaped = false
        defer { if !reaped { child.terminate() } }
        let previous = serverCPU.map { Affinity.pin(to: $0) } ?? nil
        defer { if let previous { Affinity.restore(previous) } }

        let connection = try listener.accept(timeoutMilliseconds: 10_000)
        defer { close(connection) }
        try Self.answerHandshake(on: connection)
        try Self.send(Self.textFrame(Array(Self.subscribed.utf8)), on: connection)
        var samples: [Double] = []
        samples.reserveCapacity(Self.messages)
        var pipe = LineCounter(fd: child.readFD)
        for frame in lines {
            let start = Clock.now()
            try Self.send(frame, on: connection)
            try pipe.awaitLine(timeoutMilliseconds: 5_000)
            samples.append(Double(Clock.now() - start) / 1_000)
            usleep(Self.pauseMicroseconds)
        }
        let exit = try child.wait()
        reaped = true
        guard exit.status == 0 else { throw BenchError.failed("\(arguments[0]) exited \(exit.status)") }
        let sorted = samples.sorted()
        let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        Report.figure(
            "e2e.latency.quiet.ws" + (pinned ? ".pinned" : ""), Format.fixed(samples.median, 1), "µs",
            "median; p99 \(Format.fixed(p99, 1)) µs, max \(Format.fixed(sorted.last ?? 0, 1)) µs, min "
                + "\(Format.fixed(sorted.first ?? 0, 1)) µs: \(Self.messages) Bitstamp trades sent one at a time, "
                + "\(Self.pauseMicroseconds / 1_000) ms apart, by the bench (as the exchange) → "
                + "\(options.display(arguments[0])) \(arguments.dropFirst(1).joined(separator: " ")) | bench; "
                + "from the bench's write(2) of a frame to its read(2) of the line; "
                + (pinned ? "client on CPU \(clientCPU ?? 0), bench on CPU \(serverCPU ?? 0)" : "not pinned"))
    }

    /// Reads the client's upgrade request and answers 101 (RFC 6455 §4.2.2); the subscribe frame is left unread.
    private static func answerHandshake(on fd: Int32) throws {
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Handshake.headLength(in: request) == nil {
            guard poll(fd, timeoutMilliseconds: 5_000) else { throw BenchError.failed("no upgrade request") }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { throw BenchError.failed("the client closed during the handshake") }
            request += buffer[0..<count]
        }
        let head = String(decoding: request, as: UTF8.self)
        guard
            let line = head.split(separator: "\r\n").first(where: {
                $0.lowercased().hasPrefix("sec-websocket-key:")
            })
        else { throw BenchError.failed("the upgrade request has no Sec-WebSocket-Key") }
        let key = String(line.dropFirst("sec-websocket-key:".count).filter { $0 != " " && $0 != "\t" })
        let response =
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: \(Handshake.acceptValue(for: key))\r\n\r\n"
        try send(Array(response.utf8), on: fd)
    }

    /// Writes all of `bytes`.
    private static func send(_ bytes: [UInt8], on fd: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                raw.baseAddress.map { write(fd, $0 + offset, raw.count - offset) } ?? -1
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw BenchError.failed("write to the client failed (errno \(errno))") }
            offset += count
        }
    }

    /// Whether `fd` becomes readable within the timeout.
    static func poll(_ fd: Int32, timeoutMilliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let result = Glibc.poll(&entry, 1, timeoutMilliseconds)
            if result < 0 && errno == EINTR { continue }
            return result > 0
        }
    }

    /// An unmasked server text frame (RFC 6455 §5.2).
    static func textFrame(_ payload: [UInt8]) -> [UInt8] {
        var frame: [UInt8] = [0x81]
        if payload.count < 126 {
            frame.append(UInt8(payload.count))
        } else {
            frame += [126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        return frame + payload
    }
}

/// Reads a pipe until the next newline, keeping bytes after it for the next call.
struct LineCounter {
    let fd: Int32
    private var buffered = 0
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    /// Reads `fd`.
    init(fd: Int32) { self.fd = fd }

    /// Returns once one more complete line has been read; fails after the timeout or at end of stream.
    mutating func awaitLine(timeoutMilliseconds: Int32) throws {
        while buffered == 0 {
            guard LatencyBenchmark.poll(fd, timeoutMilliseconds: timeoutMilliseconds) else {
                throw BenchError.failed("no line from the client within \(timeoutMilliseconds) ms")
            }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw BenchError.failed("the client's stdout ended early") }
            buffered = buffer[0..<count].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        }
        buffered -= 1
    }
}

/// A TCP listener on 127.0.0.1 and a kernel-chosen port.
struct LoopbackListener {
    let fd: Int32
    let port: Int

    /// Binds and listens.
    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw BenchError.failed("socket failed (errno \(errno))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw BenchError.failed("cannot listen on 127.0.0.1 (errno \(errno))")
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// The next connection, with Nagle off (each frame leaves at once); fails after the timeout.
    func accept(timeoutMilliseconds: Int32) throws -> Int32 {
        guard LatencyBenchmark.poll(fd, timeoutMilliseconds: timeoutMilliseconds) else {
            throw BenchError.failed("the client did not connect")
        }
        let connection = Glibc.accept(fd, nil, nil)
        guard connection >= 0 else { throw BenchError.failed("accept failed (errno \(errno))") }
        _ = fcntl(connection, F_SETFD, FD_CLOEXEC)  // children spawned later must not inherit it
        var on: Int32 = 1
        setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        return connection
    }

    /// Stops listening.
    func stop() { close(fd) }
}

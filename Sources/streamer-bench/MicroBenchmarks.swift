import StreamerCore

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// In-process figures over StreamerCore's public API, each the median of `runs` timed runs.
struct MicroBenchmarks {
    let options: BenchOptions
    let checksum: Checksum
    let harness: Harness
    static let receivedAt = Timestamp(1_795_000_000_123_456, .microseconds)

    /// Figures with `options.runs` timed runs each, results folded into `checksum`.
    init(options: BenchOptions, checksum: Checksum) {
        self.options = options
        self.checksum = checksum
        harness = Harness(runs: options.runs, targetSeconds: 0.2)
    }

    /// Prints every in-process figure; one that fails is reported as skipped with its reason.
    func run() {
        Report.line("# micro: in-process, median of \(options.runs) runs of about 0.2 s each, after a calibration run")
        var trades: [MarketEvent] = []
        attempt("micro.frames") { try frames() }
        attempt("micro.decode.bitstamp.trade") { trades = try decodeBitstamp() }
        if ExchangeID.bitvavo.streamableChannels.contains(.trades) {
            attempt("micro.decode.bitvavo.trade") { try decodeBitvavo() }
        } else {
            Report.skipped("micro.decode.bitvavo.trade", "bitvavo trades not streamable in this build")
        }
        if !trades.isEmpty {
            render("micro.render.jsonl", JSONLinesRenderer(), trades, "JSONLinesRenderer")
            render("micro.render.csv", CSVRenderer(), trades, "CSVRenderer")
        }
        attempt("micro.book.apply") { try bookApply() }
        attempt("micro.snapshot.getbook") { try snapshot() }
    }

    private func attempt(_ name: String, _ body: () throws -> Void) {
        do { try body() } catch {
            Report.skipped(name, "failed: \(error)")
        }
    }

    /// FrameParser over pre-encoded server text frames fed in 64 KiB reads (as from a socket), and the same with
    /// ConnectionStateMachine (per-message UTF-8 check, delivery) behind it.
    private func frames() throws {
        let lines = try FileBytes.lines(of: EndToEndBenchmarks.tradesFile)
        var wire: [UInt8] = []
        var frameCount = 0
        while wire.count < 8 << 20 {
            for line in lines { wire += MicroBenchmarks.serverFrame(line) }
            frameCount += lines.count
        }
        let parse = try harness.medianRate { iterations in
            var total = 0
            for _ in 0..<iterations { total += try parseAll(wire, messages: false) }
            return total
        }
        Report.figure(
            "micro.frames", Format.fixed(parse / 1e9, 2), "GB/s",
            "FrameParser.fill (64 KiB) + next() over \(Format.mebibytes(kibibytes: wire.count / 1024)) MiB of "
                + "\(Format.grouped(frameCount)) text frames of Fixtures/bench trades; = "
                + "\(Format.grouped(parse / Double(wire.count) * Double(frameCount))) frames/s"
                + harness.spread { Format.fixed($0 / 1e9, 2) })
        let deliver = try harness.medianRate { iterations in
            var total = 0
            for _ in 0..<iterations { total += try parseAll(wire, messages: true) }
            return total
        }
        Report.figure(
            "micro.frames+messages", Format.fixed(deliver / 1e9, 2), "GB/s",
            "the same + ConnectionStateMachine.received (UTF-8 validation, Message) = "
                + "\(Format.grouped(deliver / Double(wire.count) * Double(frameCount))) messages/s"
                + harness.spread { Format.fixed($0 / 1e9, 2) })
    }

    /// Parses all of `wire`; returns its byte count (the unit of the GB/s figure).
    private func parseAll(_ wire: [UInt8], messages: Bool) throws -> Int {
        var parser = FrameParser()
        var machine = ConnectionStateMachine(maxMessageSize: 16 << 20)
        var offset = 0
        var payload = 0
        try wire.withUnsafeBytes { source in
            while offset < source.count {
                let count =
                    parser.fill(minimumSpace: 64 << 10) { destination -> Int? in
                        let count = min(64 << 10, destination.count, source.count - offset)
                        destination.copyMemory(
                            from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count]))
                        return count
                    } ?? 0
                offset += count
                while let frame = try parser.next() {
                    if messages {
                        if case .deliver(let message) = try machine.received(frame) { payload += message.bytes.count }
                    } else {
                        payload += frame.payload.count
                    }
                }
            }
        }
        checksum.add(payload)
        return wire.count
    }

    /// A FIN text frame from the server (unmasked, RFC 6455 §5.2).
    static func serverFrame(_ payload: [UInt8]) -> [UInt8] {
        var frame: [UInt8] = [0x81]
        if payload.count < 126 {
            frame.append(UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            frame += [126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        } else {
            frame.append(127)
            for shift in stride(from: 56, through: 0, by: -8) {
                frame.append(UInt8(truncatingIfNeeded: payload.count >> shift))
            }
        }
        return frame + payload
    }

    /// Decodes every message with `adapter`, checking each yields exactly one trade; returns the events.
    private func decodeAll(_ adapter: any ExchangeAdapter, _ messages: [[UInt8]]) throws -> [MarketEvent] {
        var all: [MarketEvent] = []
        for message in messages {
            var events: [MarketEvent] = []
            _ = try message.withUnsafeBytes { try adapter.decode($0, receivedAt: Self.receivedAt, into: &events) }
            guard events.count == 1, case .trade = events[0] else {
                throw BenchError.failed(
                    "'\(String(decoding: message.prefix(60), as: UTF8.self))…' gave \(events.count) events, not one trade"
                )
            }
            all += events
        }
        return all
    }

    /// Messages per second through `adapter.decode`, events array reused as the session does.
    private func decodeRate(_ adapter: any ExchangeAdapter, _ messages: [[UInt8]]) throws -> Double {
        try harness.medianRate { iterations in
            var events: [MarketEvent] = []
            events.reserveCapacity(8)
            var sum = 0
            for _ in 0..<iterations {
                for message in messages {
                    events.removeAll(keepingCapacity: true)
                    _ = try message.withUnsafeBytes {
                        try adapter.decode($0, receivedAt: Self.receivedAt, into: &events)
                    }
                    if case .trade(let trade) = events.first { sum &+= trade.price.text.utf8.count }
                }
            }
            checksum.add(sum)
            return iterations * messages.count
        }
    }

    private func decodeBitstamp() throws -> [MarketEvent] {
        let messages = try FileBytes.lines(of: EndToEndBenchmarks.tradesFile)
        let market = Market(base: "BTC", quote: "USD")
        let adapter = ExchangeID.bitstamp.adapter(for: [Subscription(channel: .trades, market: market)])
        let events = try decodeAll(adapter, messages)
        let rate = try decodeRate(adapter, messages)
        let size = messages.reduce(0) { $0 + $1.count } / messages.count
        Report.figure(
            "micro.decode.bitstamp.trade", Format.grouped(rate), "msgs/s",
            "ExchangeID.bitstamp.adapter(for: trades BTC-USD).decode over \(messages.count) messages of "
                + "\(EndToEndBenchmarks.tradesFile) (\(size) bytes on average)" + harness.spread(Format.grouped))
        return events
    }

    private func decodeBitvavo() throws {
        let messages = try FileBytes.lines(of: EndToEndBenchmarks.bitvavoTradesFile)
        let market = Market(base: "BTC", quote: "EUR")
        let adapter = ExchangeID.bitvavo.adapter(for: [Subscription(channel: .trades, market: market)])
        _ = try decodeAll(adapter, messages)
        let rate = try decodeRate(adapter, messages)
        let size = messages.reduce(0) { $0 + $1.count } / messages.count
        Report.figure(
            "micro.decode.bitvavo.trade", Format.grouped(rate), "msgs/s",
            "ExchangeID.bitvavo.adapter(for: trades BTC-EUR).decode over \(messages.count) messages of "
                + "\(EndToEndBenchmarks.bitvavoTradesFile) (\(size) bytes on average)" + harness.spread(Format.grouped))
    }

    /// Lines per second from `renderer` (as the session holds it: `any EventRenderer`) into a reused buffer.
    private func render(_ name: String, _ renderer: any EventRenderer, _ events: [MarketEvent], _ type: String) {
        var bytesPerLine = 0.0
        let rate = harness.medianRate { iterations in
            var renderer = renderer
            var out: [UInt8] = []
            out.reserveCapacity(1 << 20 + 4096)
            var bytes = 0
            for _ in 0..<iterations {
                for event in events {
                    renderer.render(event, into: &out)
                    if out.count >= 1 << 20 {
                        bytes += out.count
                        checksum.add(Int(out[out.count / 2]))
                        out.removeAll(keepingCapacity: true)
                    }
                }
            }
            bytes += out.count
            bytesPerLine = Double(bytes) / Double(iterations * events.count)
            return iterations * events.count
        }
        Report.figure(
            name, Format.grouped(rate), "lines/s",
            "\(type).render(trade, into:) over the \(events.count) decoded Bitstamp trades, "
                + "\(Format.fixed(bytesPerLine, 0)) bytes a line; = \(Format.fixed(rate * bytesPerLine / 1e6, 0)) MB/s"
                + harness.spread(Format.grouped))
    }
}

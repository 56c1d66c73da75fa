import Testing

@testable import StreamerCore

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Both ends of a pipe whose read end never blocks; closed when the test ends.
private final class LoopbackPipe {
    /// The end the sink writes to.
    let writeEnd: Int32
    /// The end the test reads from; -1 once closed.
    private(set) var readEnd: Int32

    /// Opens a pipe.
    init() throws {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        readEnd = fds[0]
        writeEnd = fds[1]
        _ = fcntl(readEnd, F_SETFL, fcntl(readEnd, F_GETFL) | O_NONBLOCK)
    }

    /// Everything written so far and not yet read (empty when nothing is waiting).
    func drain() -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
        return count > 0 ? Array(buffer[..<count]) : []
    }

    /// Closes the read end, so writes fail with EPIPE.
    func closeReadEnd() {
        close(readEnd)
        readEnd = -1  // so deinit cannot close a descriptor another test has since opened
    }

    deinit {
        if readEnd >= 0 { close(readEnd) }
        close(writeEnd)
    }
}

/// Batching, flushing and write errors of the stdout sink, over a pipe.
@Suite struct OutputSinkTests {
    @Test func holdsAppendedLinesUntilFlushed() throws {
        let pipe = try LoopbackPipe()
        let sink = OutputSink(fd: pipe.writeEnd, destination: "test pipe", batchBytes: 1024)
        try sink.append { $0.append(contentsOf: Array("one\n".utf8)) }
        try sink.append { $0.append(contentsOf: Array("two\n".utf8)) }
        #expect(pipe.drain().isEmpty)
        #expect(sink.bytesWritten == 0)
        try sink.flush()
        #expect(pipe.drain() == Array("one\ntwo\n".utf8))
        #expect(sink.bytesWritten == 8)
    }

    @Test func writesOnItsOwnOnceABatchIsFull() throws {
        let pipe = try LoopbackPipe()
        let sink = OutputSink(fd: pipe.writeEnd, destination: "test pipe", batchBytes: 8)
        try sink.append { $0.append(contentsOf: Array("1234\n".utf8)) }
        #expect(pipe.drain().isEmpty)
        try sink.append { $0.append(contentsOf: Array("5678\n".utf8)) }
        #expect(pipe.drain() == Array("1234\n5678\n".utf8))
        #expect(sink.bytesWritten == 10)
    }

    @Test func writesNothingWhenNothingIsPending() throws {
        let pipe = try LoopbackPipe()
        let sink = OutputSink(fd: pipe.writeEnd, destination: "test pipe")
        try sink.flush()
        #expect(pipe.drain().isEmpty)
        #expect(sink.bytesWritten == 0)
    }

    @Test func writesRenderedEventsWhole() throws {
        let pipe = try LoopbackPipe()
        let sink = OutputSink(fd: pipe.writeEnd, destination: "test pipe")
        var renderer = JSONLinesRenderer()
        let trade = MarketEvent.trade(try SampleEvents.spotSell())
        try sink.append { renderer.render(trade, into: &$0) }
        try sink.flush()
        #expect(String(decoding: pipe.drain(), as: UTF8.self) == renderer.text(for: trade))
    }

    @Test func namesTheDestinationWhenAWriteFails() throws {
        let pipe = try LoopbackPipe()
        let sink = OutputSink(fd: pipe.readEnd, destination: "trades.csv")  // not writable: EBADF
        try sink.append { $0.append(contentsOf: Array("x\n".utf8)) }
        let error = #expect(throws: OutputError.self) { try sink.flush() }
        #expect(error == .writeFailed(destination: "trades.csv", reason: String(cString: strerror(EBADF))))
        #expect(error?.description == "cannot write to trades.csv: \(String(cString: strerror(EBADF)))")
        try sink.flush()  // the failed bytes are dropped, not retried
        #expect(sink.bytesWritten == 0)
    }

    @Test func reportsAClosedReaderAsReaderClosed() throws {
        Platform.ignoreBrokenPipes()  // as the program does at start, so EPIPE arrives as an error, not a signal
        let pipe = try LoopbackPipe()
        pipe.closeReadEnd()
        let sink = OutputSink(fd: pipe.writeEnd, destination: "standard output")
        try sink.append { $0.append(contentsOf: Array("x\n".utf8)) }
        let error = #expect(throws: OutputError.self) { try sink.flush() }
        #expect(error == .readerClosed)
    }
}

#if canImport(Glibc)
    @preconcurrency import Glibc
    #if canImport(SwiftOverlayShims)
        import SwiftOverlayShims  // declares `timeval` for Glibc (needed with MemberImportVisibility)
    #endif
#elseif canImport(Darwin)
    import Darwin
#endif

/// A system call that failed, with errno read right after it.
struct SystemCallError: Error, Equatable, CustomStringConvertible {
    let call: String
    let code: Int32
    var description: String { "\(call): \(String(cString: strerror(code)))" }
}

/// Runs `body`, retrying on EINTR, and turns -1 into `SystemCallError`.
@discardableResult
func syscall<T: FixedWidthInteger>(_ call: String, _ body: () -> T) throws(SystemCallError) -> T {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = errno
        if code != EINTR { throw SystemCallError(call: call, errno: code) }
    }
}

extension SystemCallError {
    /// The error for `call` with the given errno value.
    init(call: String, errno code: Int32) {
        self.call = call
        self.code = code
    }
}

/// Process-level calls and the socket chores shared by the listener and both connection kinds.
enum Platform {
    /// `SOCK_STREAM` as the `Int32` that `socket(2)` takes on every libc.
    static var streamSocketType: Int32 {
        #if canImport(Glibc)
            Int32(SOCK_STREAM.rawValue)
        #else
            SOCK_STREAM
        #endif
    }

    /// Writes to a broken pipe or socket must fail with EPIPE rather than kill the process.
    static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Ends the process with `status`.
    static func terminate(_ status: Int32) -> Never {
        exit(status)
    }

    /// Writes all of `bytes` to `fd`; false if the descriptor is gone.
    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = try? syscall("write") {  // try?: a vanished reader just ends the logging
                bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + offset }, bytes.count - offset) }
            }
            guard let written, written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Milliseconds from now until `deadline` for `poll(2)`: 0 if it has passed, rounded up otherwise.
    static func pollTimeout(until deadline: ContinuousClock.Instant) -> Int32 {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }

    /// Waits until `fd` is readable (data, EOF or an error to report) or `deadline` passes.
    static func waitReadable(_ fd: Int32, until deadline: ContinuousClock.Instant) throws(SystemCallError) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = try syscall("poll") { poll(&entry, 1, pollTimeout(until: deadline)) }
        return ready > 0
    }

    /// Bounds every blocking `recv`/`send` on `fd`, so a silent peer cannot wedge a TLS handshake or a write.
    static func setTimeouts(_ fd: Int32, receive: Duration, send: Duration) {
        for (option, duration) in [(SO_RCVTIMEO, receive), (SO_SNDTIMEO, send)] {
            var value = timeval()
            value.tv_sec = Int(duration.components.seconds)
            // Ignored on failure: poll(2) deadlines still bound every wait; this is only a backstop.
            _ = setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
        }
    }

    /// Half-closes, discards what the peer already sent (so the kernel sends FIN, not RST), then closes.
    static func closeGracefully(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_WR))
        var scratch = [UInt8](repeating: 0, count: 4096)
        while scratch.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }) > 0 {}
        _ = close(fd)
    }

    /// Closes with SO_LINGER {1, 0}, which makes the kernel abort the connection with RST.
    static func abort(_ fd: Int32) {
        var linger = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
        _ = close(fd)
    }
}

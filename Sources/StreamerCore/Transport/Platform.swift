import Synchronization

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed system call with the errno captured right after it.
public struct SystemCallError: Error, Equatable, CustomStringConvertible {
    /// The name of the call, for example `"write"`.
    public let call: String
    /// The errno value read immediately after the call failed.
    public let errno: Int32

    public var description: String { "\(call): \(Platform.describe(errno: errno))" }
}

/// Runs `body`, retrying on EINTR, and turns -1 into `SystemCallError` with errno read at once.
@discardableResult
func syscall<T: FixedWidthInteger>(_ call: String, _ body: () -> T) throws(SystemCallError) -> T {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = errno
        if code != EINTR { throw SystemCallError(call: call, errno: code) }
    }
}

/// The signal that asked the program to stop (SIGINT or SIGTERM), or 0; set by the signal handler.
let stopSignal = Atomic<Int32>(0)

/// Process-level calls: exit, signals, clocks, terminals and environment.
///
/// The only libc import besides Transport/.
public enum Platform {
    /// Exits the process with `status` (stdio is never used for data, so nothing is left to flush).
    public static func terminate(_ status: ExitStatus) -> Never {
        exit(status.rawValue)
    }

    /// Ignores SIGPIPE: OpenSSL writes through its own BIO, so `MSG_NOSIGNAL` cannot cover every write.
    static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Installs SIGINT/SIGTERM handlers that record the signal; a second signal exits at once.
    static func installStopHandlers() {
        #if os(Linux)
            for sig in [SIGINT, SIGTERM] {
                var action = sigaction()
                action.__sigaction_handler.sa_handler = { received in
                    if stopSignal.exchange(received, ordering: .relaxed) != 0 { _exit(128 + received) }
                }
                sigemptyset(&action.sa_mask)
                action.sa_flags = 0  // no SA_RESTART: a blocked poll(2) returns EINTR so the loop sees the flag
                sigaction(sig, &action, nil)
            }
            // A parent may have started us with these blocked (Foundation's Process does): they must reach us.
            var unblock = sigset_t()
            sigemptyset(&unblock)
            sigaddset(&unblock, SIGINT)
            sigaddset(&unblock, SIGTERM)
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        #else
            for sig in [SIGINT, SIGTERM] {
                signal(sig) { received in
                    if stopSignal.exchange(received, ordering: .relaxed) != 0 { _exit(128 + received) }
                }
            }
        #endif
    }

    /// The stop signal received so far (SIGINT, SIGTERM), or nil.
    static var pendingStopSignal: Int32? {
        let value = stopSignal.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// Whether `signal` is SIGINT (as opposed to SIGTERM).
    static func isInterrupt(_ signal: Int32) -> Bool { signal == SIGINT }

    /// Monotonic time in nanoseconds, for deadlines and rates.
    static func monotonicNanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// Wall-clock time in nanoseconds since the Unix epoch (UTC), for `recv` stamps.
    static func wallClockNanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// Sleeps up to `milliseconds`; returns early when a signal arrives (so stop requests are seen at once).
    static func pause(milliseconds: Int32) {
        _ = poll(nil, 0, max(0, milliseconds))
    }

    /// A random 64-bit value (for backoff jitter).
    static func randomWord() -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }

    /// Whether `fd` is a terminal.
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The value of environment variable `name`, if set.
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// The text libc gives for `errno`.
    static func describe(errno code: Int32) -> String { String(cString: strerror(code)) }

    /// Writes all of `bytes` to `fd`, retrying short writes and EINTR.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemCallError) {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = try syscall("write") { write(fd, base, remaining) }
            base += written
            remaining -= written
        }
    }

    /// Whether `path` names a readable regular file; the libc reason otherwise.
    static func checkReadableFile(_ path: String) -> String? {
        var info = stat()
        if stat(path, &info) != 0 { return describe(errno: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return "is a directory" }
        if access(path, R_OK) != 0 { return describe(errno: errno) }
        return nil
    }

    /// Breaks a Unix time into UTC calendar fields.
    static func utcCalendar(seconds: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return (
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec)
        )
    }
}

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A process the bench started, waited for with `wait4(2)` so its own resource usage comes back.
struct ChildProcess {
    /// Where a child's stdout or stderr goes.
    enum Output {
        /// Inherited from the bench.
        case inherit
        /// `/dev/null`.
        case null
        /// A new pipe; the bench reads its other end (`readFD`).
        case pipe
        /// A file, created or truncated.
        case file(String)
    }

    /// How a child ended.
    struct Exit {
        /// Exit status, or 128 + the signal that killed it.
        let status: Int32
        /// Wall time from spawn to exit.
        let seconds: Double
        /// Peak resident set (`ru_maxrss`), KiB.
        let maxRSSKiB: Int
        /// CPU time in user and kernel mode.
        let userSeconds: Double
        let systemSeconds: Double
    }

    let pid: pid_t
    /// The monotonic time of the spawn.
    let started: Int64
    /// The bench's end of the stdout pipe, when `stdout` was `.pipe` (else -1).
    let readFD: Int32

    /// Spawns `arguments[0]` (a path) with `arguments`, pinned to `cpu` when given.
    static func spawn(
        _ arguments: [String], stdout: Output = .null, stderr: Output = .inherit, cpu: Int? = nil, extraFD: Int32? = nil
    ) throws(BenchError) -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let extraFD {  // becomes the child's fd 3
            posix_spawn_file_actions_adddup2(&actions, extraFD, 3)
        }
        // Descriptors the bench opens are close-on-exec (see `makePipe`): a child only gets what is dup2'ed here.
        var pipeFDs: [Int32] = [-1, -1]
        for (fd, output) in [(Int32(1), stdout), (Int32(2), stderr)] {
            switch output {
            case .inherit: break
            case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            case .pipe:
                pipeFDs = try makePipe()
                posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], fd)
            }
        }
        let previous = cpu.map { Affinity.pin(to: $0) } ?? nil
        defer { if let previous { Affinity.restore(previous) } }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let started = Clock.now()
        let result = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        if pipeFDs[1] >= 0 { close(pipeFDs[1]) }
        guard result == 0 else {
            if pipeFDs[0] >= 0 { close(pipeFDs[0]) }
            throw .spawn(arguments[0], result)
        }
        return ChildProcess(pid: pid, started: started, readFD: pipeFDs[0])
    }

    /// Spawns `arguments` like `spawn`, but through `/bin/sh`, so that its `ru_maxrss` is its own.
    ///
    /// exec(2) records the peak RSS of the memory it replaces, and a child spawned straight from the bench
    /// replaces the bench's (about 10–16 MiB): its `ru_maxrss` could never read lower. sh (about 1.6 MiB) forks
    /// the real child, prints its pid and exits; the bench, a child subreaper, inherits it and reaps it.
    static func spawnMeasured(
        _ arguments: [String], stdout: Output = .null, stderr: Output = .inherit, cpu: Int? = nil
    ) throws(BenchError) -> ChildProcess {
        Subreaper.enable()
        let pidPipe = try makePipe()
        defer { close(pidPipe[0]) }
        let script = #""$@" 3>&- & echo $! >&3"#
        let shell: ChildProcess
        do {
            shell = try spawn(
                ["/bin/sh", "-c", script, "sh"] + arguments, stdout: stdout, stderr: stderr, cpu: cpu,
                extraFD: pidPipe[1])
        } catch {
            close(pidPipe[1])
            throw error
        }
        close(pidPipe[1])
        let line = ChildProcess(pid: shell.pid, started: shell.started, readFD: pidPipe[0]).readLine()
        _ = try shell.wait()
        guard let line, let pid = pid_t(line) else { throw .failed("/bin/sh did not start \(arguments[0])") }
        return ChildProcess(pid: pid, started: shell.started, readFD: shell.readFD)
    }

    /// A pipe whose two ends are close-on-exec.
    static func makePipe() throws(BenchError) -> [Int32] {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .system("pipe", errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return fds
    }

    /// Waits for the child to end and returns its status and usage.
    func wait() throws(BenchError) -> Exit {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw .system("wait4", errno) }
        }
        let seconds = Clock.seconds(from: started, to: Clock.now())
        let signal = status & 0x7F
        let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return Exit(
            status: code, seconds: seconds, maxRSSKiB: Int(usage.ru_maxrss),
            userSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
            systemSeconds: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6)
    }

    /// Sends SIGTERM (to this child only) and reaps it.
    func terminate() {
        kill(pid, SIGTERM)
        _ = try? wait()  // try?: only reaping; how it ended does not matter
    }

    /// Reads one line from the stdout pipe (without the newline); nil at end of stream.
    func readLine() -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(readFD, &byte, 1) == 1 {
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// Reads the stdout pipe to its end, counting newline bytes and all bytes.
    func countLines() -> (lines: Int, bytes: Int) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var lines = 0
        var bytes = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += count
            for index in 0..<count where buffer[index] == 0x0A { lines += 1 }
        }
        return (lines, bytes)
    }
}

/// CPU pinning through `sched_setaffinity(2)`, looked up at run time (Swift's Glibc module hides it).
enum Affinity {
    private typealias Call = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
    private static let size = 128  // bytes of a cpu_set_t: 1,024 CPUs

    private static func call(_ name: String) -> Call? {
        guard let symbol = dlsym(nil, name) else { return nil }
        return unsafeBitCast(symbol, to: Call.self)
    }

    /// The CPUs this process may run on now, as a mask; nil if unknown.
    static func current() -> [UInt8]? {
        guard let get = call("sched_getaffinity") else { return nil }
        var mask = [UInt8](repeating: 0, count: size)
        let result = mask.withUnsafeMutableBytes { raw -> Int32 in
            guard let base = raw.baseAddress else { return -1 }
            return get(0, size, base)
        }
        return result == 0 ? mask : nil
    }

    /// Pins this thread to `cpu` (children spawned meanwhile inherit it); returns the previous mask.
    @discardableResult
    static func pin(to cpu: Int) -> [UInt8]? {
        let previous = current()
        var mask = [UInt8](repeating: 0, count: size)
        mask[cpu / 8] |= 1 << UInt8(cpu % 8)
        set(mask)
        return previous
    }

    /// Puts back a mask from `pin` or `current`.
    static func restore(_ mask: [UInt8]) {
        set(mask)
    }

    private static func set(_ mask: [UInt8]) {
        guard let setter = call("sched_setaffinity") else { return }
        var copy = mask
        _ = copy.withUnsafeMutableBytes { raw -> Int32 in
            guard let base = raw.baseAddress else { return -1 }
            return setter(0, size, base)
        }
    }
}

/// Makes this process the reaper of its orphaned descendants (`PR_SET_CHILD_SUBREAPER`, Linux 3.4+).
enum Subreaper {
    private typealias Call = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    /// `PR_SET_CHILD_SUBREAPER` from <linux/prctl.h>.
    private static let setChildSubreaper: Int32 = 36

    /// Turns it on (idempotent; prctl is looked up at run time: its C declaration is variadic).
    static func enable() {
        guard let symbol = dlsym(nil, "prctl") else { return }
        _ = unsafeBitCast(symbol, to: Call.self)(setChildSubreaper, 1, 0, 0, 0)
    }
}

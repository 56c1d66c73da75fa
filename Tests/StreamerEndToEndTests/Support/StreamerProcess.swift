import Foundation
import Synchronization

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a child process left behind: exit status, everything it wrote, and whether it had to be killed.
struct ProcessResult: Equatable, Sendable {
    let status: Int32
    let stdout: String
    let stderr: String
    let timedOut: Bool
}

/// Runs the built executables as child processes: pipes drained on background threads, a hard timeout.
enum StreamerProcess {
    /// Runs the `streamer` binary with `arguments` (see the other overload).
    static func run(
        _ arguments: [String],
        timeout: Duration = .seconds(20),
        environment: [String: String]? = nil,
        closeStdoutAfterLines: Int? = nil
    ) throws -> ProcessResult {
        try run(
            binary(named: "streamer"),
            arguments,
            timeout: timeout,
            environment: environment,
            closeStdoutAfterLines: closeStdoutAfterLines
        )
    }

    /// A per-run temporary directory used as `XDG_CACHE_HOME` for every child.
    static let scratchCacheDirectory: String = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("streamer-e2e-cache-\(getpid())")
        // Best effort: the child creates the directory itself when this fails.
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }()

    /// Runs `executable` to completion or until `timeout`, then SIGKILLs it and sets `timedOut`.
    /// - Parameters:
    ///   - environment: variables set on top of the inherited environment.
    ///   - closeStdoutAfterLines: close the read end of stdout after this many complete lines, as `| head -n`
    ///     does; `stdout` then holds exactly those lines.
    static func run(
        _ executable: URL,
        _ arguments: [String],
        timeout: Duration = .seconds(20),
        environment: [String: String]? = nil,
        closeStdoutAfterLines: Int? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // Children never touch the user's real cache: market lists go to a throwaway directory unless a test sets one.
        var inherited = ProcessInfo.processInfo.environment
        // One directory per child: fixture ports are reused by the kernel, and a market list cached for an earlier
        // fixture on the same port would make a child skip the getMarkets its session expects (an intermittent 1008).
        inherited["XDG_CACHE_HOME"] = StreamerProcess.scratchCacheDirectory + "/" + UUID().uuidString
        process.environment = inherited.merging(environment ?? [:]) { _, new in new }
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let stdout = PipeDrain(stdoutPipe.fileHandleForReading, closeAfterLines: closeStdoutAfterLines)
        let stderr = PipeDrain(stderrPipe.fileHandleForReading)
        let timedOut = exited.wait(timeout: .now() + timeout.dispatchInterval) == .timedOut
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
        }
        stdout.waitUntilFinished(timeout: .seconds(5))
        stderr.waitUntilFinished(timeout: .seconds(5))
        return ProcessResult(
            status: process.terminationStatus,
            stdout: stdout.text,
            stderr: stderr.text,
            timedOut: timedOut
        )
    }

    /// The built executable `name`: in `$STREAMER_BIN_DIR` if set, else next to the test bundle
    /// (`.build/<triple>/debug/`), else in `.build/debug/` of the package found from this file.
    static func binary(named name: String) -> URL {
        let fileManager = FileManager.default
        if let directory = ProcessInfo.processInfo.environment["STREAMER_BIN_DIR"], !directory.isEmpty {
            return URL(fileURLWithPath: directory).appendingPathComponent(name)
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let starts = [
            Bundle.main.bundleURL,
            Bundle.main.executableURL,
            CommandLine.arguments.first.map { URL(fileURLWithPath: $0) },
        ].compactMap { $0 }
        for start in starts {
            var directory = start
            for _ in 0..<5 {  // an .xctest bundle on macOS nests the runner three levels down
                let candidate = directory.appendingPathComponent(name)
                if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
        }
        return packageRoot.appendingPathComponent(".build/debug").appendingPathComponent(name)
    }
}

/// Reads one pipe on its own thread until EOF, keeping the bytes and counting complete lines.
final class PipeDrain: Sendable {
    private struct State {
        var bytes: [UInt8] = []
        var finished = false
    }

    private let state = Mutex(State())
    private let changed = NSCondition()

    /// Starts draining `handle`; with `closeAfterLines`, closes it after that many complete lines.
    init(_ handle: FileHandle, closeAfterLines: Int? = nil) {
        Thread { [self] in
            var lines = 0
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                var bytes = [UInt8](chunk)
                if let limit = closeAfterLines {
                    var end = 0
                    while lines < limit, let newline = bytes[end...].firstIndex(of: UInt8(ascii: "\n")) {
                        lines += 1
                        end = newline + 1
                    }
                    if lines >= limit { bytes = Array(bytes[..<end]) }
                }
                update { $0.bytes += bytes }
                if let limit = closeAfterLines, lines >= limit { break }
            }
            try? handle.close()  // try?: the child may have closed its end first; nothing to recover
            update { $0.finished = true }
        }.start()
    }

    /// Everything read so far, decoded as UTF-8.
    var text: String {
        state.withLock { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// The complete (newline-terminated) lines read so far, without their newlines.
    var lines: [String] {
        let text = self.text
        guard let lastNewline = text.lastIndex(of: "\n") else { return [] }
        return text[..<lastNewline].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Whether EOF (or the line limit) has been reached.
    var isFinished: Bool { state.withLock { $0.finished } }

    /// Waits until `condition` holds for this drain or `timeout` passes; returns whether it holds.
    @discardableResult
    func wait(timeout: Duration, until condition: (PipeDrain) -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout.seconds)
        changed.lock()
        defer { changed.unlock() }
        while !condition(self) {
            if !changed.wait(until: deadline) { return condition(self) }
        }
        return true
    }

    /// Waits until EOF or `timeout`.
    func waitUntilFinished(timeout: Duration) {
        wait(timeout: timeout) { $0.isFinished }
    }

    private func update(_ change: (inout State) -> Void) {
        state.withLock { change(&$0) }
        changed.lock()
        changed.broadcast()
        changed.unlock()
    }
}

extension Duration {
    /// The duration in seconds, for Foundation and Dispatch APIs.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration for `DispatchTime` arithmetic.
    var dispatchInterval: DispatchTimeInterval {
        .nanoseconds(Int(clamping: components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000))
    }
}

import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a fixture server could not be started.
enum FixtureServerError: Error, Equatable, CustomStringConvertible {
    case noListeningLine(stderr: String)
    case unexpectedFirstLine(String)

    var description: String {
        switch self {
        case .noListeningLine(let stderr): "fixture-exchange printed no 'listening' line; stderr: \(stderr)"
        case .unexpectedFirstLine(let line): "fixture-exchange's first line is not 'listening ...': '\(line)'"
        }
    }
}

/// A `fixture-exchange` on 127.0.0.1 (port 0) playing one session for one test; killed by `stop()` or deinit.
final class FixtureServer {
    /// The repository's `Fixtures/` directory, found from this file.
    static let fixturesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The test CA that signed the server certificate (`--cacert` for wss:// tests).
    static var caCertificatePath: String { fixturesDirectory.appendingPathComponent("tls/ca.pem").path }

    /// `ws://127.0.0.1:PORT` or `wss://127.0.0.1:PORT`.
    let endpoint: String
    /// The port the server listens on.
    let port: Int

    private let process: Process
    private let output: PipeDrain
    private let errors: PipeDrain
    private let exited = DispatchSemaphore(value: 0)

    /// Starts the server on `Fixtures/sessions/<session>` (`.session` may be omitted) and waits up to
    /// `startTimeout` for its `listening` line.
    init(
        session: String,
        tls: Bool = false,
        once: Bool = true,
        extraArguments: [String] = [],
        startTimeout: Duration = .seconds(10)
    ) throws {
        let name = session.hasSuffix(".session") ? session : session + ".session"
        var arguments = ["--port", "0"]
        if tls {
            let directory = Self.fixturesDirectory.appendingPathComponent("tls")
            arguments += ["--tls", "--cert", directory.appendingPathComponent("server.pem").path]
            arguments += ["--key", directory.appendingPathComponent("server.key").path]
        }
        if once { arguments.append("--once") }
        arguments += extraArguments
        arguments.append(Self.fixturesDirectory.appendingPathComponent("sessions").appendingPathComponent(name).path)

        process = Process()
        process.executableURL = StreamerProcess.binary(named: "fixture-exchange")
        process.arguments = arguments
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        process.standardInput = FileHandle.nullDevice
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        output = PipeDrain(stdoutPipe.fileHandleForReading)
        errors = PipeDrain(stderrPipe.fileHandleForReading)

        output.wait(timeout: startTimeout) { !$0.lines.isEmpty || $0.isFinished }
        guard let first = output.lines.first else {
            Self.terminate(process, exited)
            errors.waitUntilFinished(timeout: .seconds(2))
            throw FixtureServerError.noListeningLine(stderr: errors.text)
        }
        guard first.hasPrefix("listening "), let port = first.split(separator: ":").last.flatMap({ Int($0) }) else {
            Self.terminate(process, exited)
            throw FixtureServerError.unexpectedFirstLine(first)
        }
        endpoint = String(first.dropFirst("listening ".count))
        self.port = port
    }

    deinit {
        stop()
    }

    /// The event lines logged so far, after the `listening` line.
    var log: [String] {
        Array(output.lines.dropFirst())
    }

    /// Waits until some log line satisfies `predicate`; false after `timeout`.
    @discardableResult
    func waitForLogLine(timeout: Duration = .seconds(10), where predicate: (String) -> Bool) -> Bool {
        output.wait(timeout: timeout) { drain in drain.lines.dropFirst().contains(where: predicate) || drain.isFinished
        }
        return log.contains(where: predicate)
    }

    /// Waits for the server to exit (`--once`); after `timeout` it is killed and the status is -1.
    func waitForExit(timeout: Duration = .seconds(20)) -> (status: Int32, log: [String]) {
        let timedOut = exited.wait(timeout: .now() + timeout.dispatchInterval) == .timedOut
        if timedOut { Self.terminate(process, exited) }
        output.waitUntilFinished(timeout: .seconds(5))
        return (timedOut ? -1 : process.terminationStatus, log)
    }

    /// What the server wrote to stderr so far.
    var stderr: String { errors.text }

    /// Kills the server if it is still running.
    func stop() {
        Self.terminate(process, exited)
    }

    private static func terminate(_ process: Process, _ exited: DispatchSemaphore) {
        guard process.isRunning else { return }
        _ = kill(process.processIdentifier, SIGKILL)
        // Waits for the reaper so the process is gone when this returns; re-signals for other waiters.
        if exited.wait(timeout: .now() + .seconds(5)) == .success { exited.signal() }
    }
}

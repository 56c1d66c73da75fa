import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
    #if canImport(SwiftOverlayShims)
        import SwiftOverlayShims  // declares `timeval` for Glibc (needed with MemberImportVisibility)
    #endif
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

    /// The bytes of `Fixtures/<path>`, exactly as served.
    static func fixture(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixturesDirectory.appendingPathComponent(path)))
    }

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

    /// The routes every server serves besides its session's own: Bitstamp's market lists.
    static let defaultRoutes = ["bitstamp-rest-defaults"]

    /// Starts the server on `Fixtures/sessions/<session>` (`.session` may be omitted) and waits up to
    /// `startTimeout` for its `listening` line.
    ///
    /// `routes` are sessions whose `http-get` routes are served too (`--routes`); the session's own win.
    init(
        session: String,
        tls: Bool = false,
        once: Bool = true,
        routes: [String] = FixtureServer.defaultRoutes,
        extraArguments: [String] = [],
        startTimeout: Duration = .seconds(10)
    ) throws {
        let name = session.hasSuffix(".session") ? session : session + ".session"
        var arguments = ["--port", "0"]
        for route in routes {
            let file = route.hasSuffix(".session") ? route : route + ".session"
            arguments += [
                "--routes", Self.fixturesDirectory.appendingPathComponent("sessions").appendingPathComponent(file).path,
            ]
        }
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

    /// Whether the server process is still running.
    var isRunning: Bool { process.isRunning }

    /// GETs `target` (path and query) from the server with a raw HTTP/1.1 request, as a REST client would.
    func get(_ target: String) throws -> RawHTTPResponse {
        try RawClient(port: port).get(target)
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

/// A failure of the raw test client, with what it was doing.
struct RawClientError: Error, CustomStringConvertible {
    let description: String
}

/// A deliberately tiny blocking WebSocket (and plain HTTP) client on 127.0.0.1 that shares nothing with
/// StreamerCore; every read gives up after 10 seconds.
final class RawClient {
    private let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port` with a 10-second receive timeout.
    init(port: Int) throws {
        #if canImport(Glibc)
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw RawClientError(description: "socket: errno \(errno)") }
        var timeout = timeval()
        timeout.tv_sec = 10
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = in_addr_t(INADDR_LOOPBACK).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw RawClientError(description: "connect to port \(port): errno \(errno)")
        }
    }

    deinit {
        close(fd)
    }

    /// A masked client frame with FIN set (RFC 6455 §5.3), for payloads under 126 bytes.
    static func maskedFrame(opcode: UInt8, payload: [UInt8]) -> [UInt8] {
        let key = (0..<4).map { _ in UInt8.random(in: 0...255) }
        return [0x80 | opcode, 0x80 | UInt8(payload.count)] + key
            + payload.enumerated().map { $0.element ^ key[$0.offset % 4] }
    }

    /// Sends `bytes` exactly as given.
    func send(_ bytes: [UInt8]) throws {
        let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw RawClientError(description: "send: errno \(errno)") }
    }

    /// Sends a valid RFC 6455 §4.1 Upgrade request for `/` with `key`.
    func sendUpgradeRequest(key: String = "AQIDBAUGBwgJCgsMDQ4PEA==") throws {
        try send(
            Array(
                ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n").utf8))
    }

    /// The response up to and including the blank line; later bytes stay buffered for `readFrame`.
    func readResponseHead() throws -> String {
        let terminator = Array("\r\n\r\n".utf8)
        while true {
            if let end = (0..<max(0, buffer.count - 3)).first(where: { Array(buffer[$0..<($0 + 4)]) == terminator }) {
                defer { buffer.removeFirst(end + 4) }
                return String(decoding: buffer[..<(end + 4)], as: UTF8.self)
            }
            try fill()
        }
    }

    /// The next server frame (§5.2); 16-bit lengths only, which covers every fixture message.
    func readFrame() throws -> (fin: Bool, opcode: UInt8, masked: Bool, payload: [UInt8]) {
        while buffer.count < 2 { try fill() }
        var length = Int(buffer[1] & 0x7F)
        var header = 2
        if length == 126 {
            while buffer.count < 4 { try fill() }
            length = Int(buffer[2]) << 8 | Int(buffer[3])
            header = 4
        }
        let masked = buffer[1] & 0x80 != 0
        if masked { header += 4 }
        while buffer.count < header + length { try fill() }
        let frame = (buffer[0] & 0x80 != 0, buffer[0] & 0x0F, masked, Array(buffer[header..<(header + length)]))
        buffer.removeFirst(header + length)
        return frame
    }

    /// Sends `GET target` without upgrade headers (a REST request) and reads the response to the end of the
    /// stream, which the fixture closes after one answer.
    func get(_ target: String) throws -> RawHTTPResponse {
        try send(
            Array(
                "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
                    .utf8))
        let head = try readResponseHead()
        while try fill(allowingEnd: true) {}
        let status = head.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        return RawHTTPResponse(status: status, head: head, body: buffer)
    }

    /// Reads everything the server sends until it closes the stream.
    func readToEnd() throws -> [UInt8] {
        while try fill(allowingEnd: true) {}
        defer { buffer = [] }
        return buffer
    }

    /// Reads more bytes; at the end of the stream returns false if `allowingEnd`, else throws.
    @discardableResult
    private func fill(allowingEnd: Bool = false) throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count == 0 && allowingEnd { return false }
        guard count > 0 else {
            throw RawClientError(description: count == 0 ? "server closed" : "recv: errno \(errno)")
        }
        buffer += chunk[..<count]
        return true
    }
}

/// A plain HTTP response as `RawClient.get` read it.
struct RawHTTPResponse {
    /// The status code from the status line (0 if there was none).
    let status: Int
    /// The status line and header fields, up to and including the blank line.
    let head: String
    /// Every byte after the head.
    let body: [UInt8]

    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }
}

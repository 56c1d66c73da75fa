import Foundation
import Testing

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--record FILE` while streaming from fixture-exchange, then `streamer replay FILE`: the same bytes on stdout.
@Suite(.timeLimit(.minutes(2)))
struct RecordReplayEndToEndTests {
    /// A secret in the child's environment that must never reach a recording.
    private static let secret = "e2e-secret-9f8e7d6c5b4a"

    /// A fresh path in a per-test temporary directory.
    private func temporaryPath(_ name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "streamer-record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    /// A handmade recording of one Bitstamp trades subscription and two trades received at `first` and `second`
    /// (µs since the epoch); returns its path.
    private func twoTradeRecording(_ name: String, receivedAt first: Int64, _ second: Int64) throws -> String {
        let recording = try temporaryPath(name)
        let header =
            #"{"streamer_recording":1,"exchange":"bitstamp","subscriptions":[{"channel":"trades","market":"BTC-USD"}],"interval":"1m","depth":null,"throttle_us":null,"verify":false}"#
        let trade =
            #"{\"data\":{\"id\":1,\"amount_str\":\"1\",\"price_str\":\"2\",\"type\":0,\"microtimestamp\":\"1\"},\"channel\":\"live_trades_btcusd\",\"event\":\"trade\"}"#
        let lines = [
            header, #"{"recv":\#(first),"conn":1,"text":"\#(trade)"}"#,
            #"{"recv":\#(second),"conn":1,"text":"\#(trade)"}"#,
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: recording))
        return recording
    }

    /// Streams `arguments` from `session` with `--record`, returning the live result and the recording's path.
    private func record(_ session: String, _ arguments: [String]) throws -> (live: ProcessResult, recording: String) {
        let recording = try temporaryPath("session.jsonl")
        let server = try FixtureServer(session: session)
        let live = try StreamerProcess.run(
            arguments + ["--endpoint", server.endpoint, "--record", recording],
            environment: ["BITSTAMP_API_KEY": "e2e-key-0123", "BITSTAMP_API_SECRET": Self.secret])
        let (status, log) = server.waitForExit()
        #expect(status == 0, "fixture log: \(log)")
        return (live, recording)
    }

    @Test(arguments: [
        ("bitstamp-trades", ["bitstamp", "trades", "btcusd"]),
        ("bitstamp-book", ["bitstamp", "book", "btcusd", "--depth", "5"]),
        ("bitvavo-book", ["bitvavo", "book", "BTC-EUR", "--depth", "3"]),
    ])
    func replayPrintsExactlyWhatTheLiveRunPrinted(session: String, arguments: [String]) throws {
        for format in ["jsonl", "csv", "table"] {
            let (live, recording) = try record(session, arguments + ["-f", format])
            #expect(live.status == 0 && !live.timedOut, "stderr: \(live.stderr)")
            #expect(live.stdout.split(separator: "\n").count >= 2)
            let replay = try StreamerProcess.run(["replay", recording, "--speed", "max", "-f", format])
            #expect(replay.status == 0, "stderr: \(replay.stderr)")
            #expect(replay.stdout == live.stdout, "\(session) as \(format)")  // recv included
            let text = try String(contentsOfFile: recording, encoding: .utf8)
            #expect(!text.contains(Self.secret) && !text.contains("e2e-key-0123"))
        }
    }

    @Test(arguments: ["fault-request-reconnect", "fault-drop-then-resume"])
    func replayReproducesAHandoverAndAReconnect(session: String) throws {
        let recording = try temporaryPath("reconnect.jsonl")
        let server = try FixtureServer(session: session, once: false)
        defer { server.stop() }
        let live = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "-f", "jsonl", "--endpoint", server.endpoint, "--record", recording,
        ])
        #expect(live.status == 0 && !live.timedOut, "stderr: \(live.stderr)")
        let replay = try StreamerProcess.run(["replay", recording, "--speed", "max", "-f", "jsonl"])
        #expect(replay.status == 0)
        #expect(replay.stdout == live.stdout)
        let text = try String(contentsOfFile: recording, encoding: .utf8)
        #expect(text.contains(#""conn":2,"connected":true"#))
    }

    @Test func replayReproducesBooksTheThrottlePrintedOnATimerTick() throws {
        let recording = try temporaryPath("throttled.jsonl")
        // Diffs 400 ms apart under a 1 s throttle: some books are printed by the clock, between messages.
        let server = try FixtureServer(session: "bitstamp-book", extraArguments: ["--pace", "400ms"])
        let live = try StreamerProcess.run([
            "bitstamp", "book", "btcusd", "--depth", "2", "--throttle", "1s", "-f", "jsonl", "--endpoint",
            server.endpoint, "--record", recording,
        ])
        #expect(live.status == 0 && !live.timedOut)
        let replay = try StreamerProcess.run(["replay", recording, "--speed", "max", "-f", "jsonl"])
        #expect(replay.status == 0 && replay.stdout == live.stdout)
    }

    @Test func recordsTheHeaderEveryMessageAndTheRESTSnapshot() throws {
        let (live, recording) = try record(
            "bitstamp-book", ["bitstamp", "book", "btcusd", "--depth", "5", "-f", "jsonl"])
        #expect(live.status == 0)
        let lines = try String(contentsOfFile: recording, encoding: .utf8).split(separator: "\n")
        #expect(
            lines.first?.hasPrefix(
                #"{"streamer_recording":1,"exchange":"bitstamp","subscriptions":[{"channel":"book","market":"BTC-USD"}],"interval":"1m","depth":5,"#
            ) == true)
        #expect(lines.contains { $0.contains(#""conn":1,"text":"{\"event\":\"bts:subscription_succeeded\""#) })
        #expect(lines.filter { $0.contains(#""snapshot":"BTC-USD","body":"#) }.count == 1)
        #expect(lines.count == 1 + 1 + 6 + 1)  // header, connection 1 opened, six messages (the ack included), snapshot
    }

    @Test func replaysWithTheTimeFormatAndCountAskedFor() throws {
        let (live, recording) = try record("bitstamp-trades", ["bitstamp", "trades", "btcusd", "-f", "jsonl"])
        #expect(live.status == 0)
        let replay = try StreamerProcess.run(["replay", recording, "--speed", "max", "--time", "us", "-n", "1"])
        #expect(replay.status == 0)
        let lines = replay.stdout.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.contains(#""recv":17"#) == true)  // µs since the epoch, not ISO
    }

    @Test func pacesAtTheRecordedSpeedDividedByTheFactor() throws {
        let recording = try twoTradeRecording("paced.jsonl", receivedAt: 1_000_000, 3_000_000)
        let started = Date()
        let tenfold = try StreamerProcess.run(["replay", recording, "--speed", "10", "-f", "jsonl"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(tenfold.status == 0 && tenfold.stdout.split(separator: "\n").count == 2)
        #expect(elapsed >= 0.2, "two recorded seconds at 10x take 0.2 s, took \(elapsed)")
    }

    @Test func stopsWaitingOnSIGINTWithExit130AfterPrintingWhatWasDue() throws {
        let recording = try twoTradeRecording("slow.jsonl", receivedAt: 0, 60_000_000)
        let child = try SignalledChild(["replay", recording, "--speed", "1", "-f", "jsonl"])
        defer { child.kill() }
        // The first trade is printed (flushed) before the minute-long wait for the second.
        let first = child.readLine(timeout: .seconds(10))
        #expect(first?.hasPrefix(#"{"type":"trade""#) == true)
        child.signal(SIGINT)
        #expect(child.exitStatus(timeout: .seconds(10)) == 130)
    }

    @Test func exits65NamingTheFileAndLineOfAMalformedRecording() throws {
        let recording = try temporaryPath("broken.jsonl")
        let header =
            #"{"streamer_recording":1,"exchange":"bitstamp","subscriptions":[{"channel":"trades","market":"BTC-USD"}],"interval":"1m","depth":null,"throttle_us":null,"verify":false}"#
        try Data((header + "\n" + #"{"recv":1,"conn":1,"text":"unterminated"# + "\n").utf8)
            .write(to: URL(fileURLWithPath: recording))
        let result = try StreamerProcess.run(["replay", recording, "--speed", "max"])
        #expect(result.status == 65 && result.stdout == "")
        #expect(result.stderr.hasPrefix("streamer: cannot replay '\(recording)': line 2: "))
        #expect(result.stderr.split(separator: "\n").count == 1)

        let missing = try StreamerProcess.run(["replay", recording + ".missing"])
        #expect(missing.status == 65)
        #expect(missing.stderr == "streamer: cannot read recording '\(recording).missing': No such file or directory\n")

        try Data(#"{"streamer_recording":7}"#.utf8).write(to: URL(fileURLWithPath: recording))
        let future = try StreamerProcess.run(["replay", recording])
        #expect(future.status == 65)
        #expect(
            future.stderr
                == "streamer: cannot replay '\(recording)': line 1: recording format 7 is not supported; this streamer reads format 1\n"
        )
    }

    @Test func exits74BeforeConnectingWhenTheRecordingCannotBeWritten() throws {
        let path = try temporaryPath("missing-directory") + "/rec.jsonl"
        // Nothing listens on port 1: a connection attempt would exit 69, so 74 proves nothing connected.
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--endpoint", "ws://127.0.0.1:1", "--no-validate", "--record", path,
        ])
        #expect(result.status == 74 && result.stdout == "")
        #expect(result.stderr == "streamer: cannot write to recording '\(path)': No such file or directory\n")
    }
}

/// `streamer` started the way a shell starts it, with no signals blocked: children of the test runner inherit its
/// blocked SIGINT otherwise (Dispatch blocks signals on its threads, and `Process` passes the mask on).
private final class SignalledChild {
    private var pid: pid_t = 0
    private let stdout: Int32
    private var pending: [UInt8] = []

    /// Spawns `streamer arguments` with stdout on a pipe and stderr discarded.
    init(_ arguments: [String]) throws {
        let binary = StreamerProcess.binary(named: "streamer").path
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw POSIXError(.EIO) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let result = posix_spawn(&pid, binary, &actions, &attributes, argv, environ)
        close(fds[1])
        stdout = fds[0]
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
    }

    /// The next line on stdout, or nil if none arrives within `timeout`.
    func readLine(timeout: Duration) -> String? {
        let deadline = Date(timeIntervalSinceNow: timeout.seconds)
        while Date() < deadline {
            if let newline = pending.firstIndex(of: 0x0A) {
                defer { pending.removeFirst(newline + 1) }
                return String(decoding: pending[..<newline], as: UTF8.self)
            }
            var descriptor = pollfd(fd: stdout, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(stdout, &chunk, chunk.count)
            if count <= 0 { return nil }
            pending += chunk[..<count]
        }
        return nil
    }

    /// Sends `signal` to the child.
    func signal(_ signal: Int32) { sendSignal(pid, signal) }

    /// The exit status once the child exits within `timeout` (nil otherwise, or when a signal killed it).
    func exitStatus(timeout: Duration) -> Int32? {
        let deadline = Date(timeIntervalSinceNow: timeout.seconds)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                pid = 0
                return status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
            }
            usleep(10_000)
        }
        return nil
    }

    /// Kills the child if it is still running, and closes the pipe.
    func kill() {
        if pid != 0 {
            sendSignal(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            pid = 0
        }
        close(stdout)
    }
}

/// kill(2), out of reach of `SignalledChild.kill()`'s name.
private func sendSignal(_ pid: pid_t, _ signal: Int32) {
    _ = kill(pid, signal)
}

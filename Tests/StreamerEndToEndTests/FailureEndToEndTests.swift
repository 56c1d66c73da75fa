import Foundation
import Testing

/// How the binary fails: exit status, one stderr line, what the server saw, and no lost output.
@Suite(.timeLimit(.minutes(1)))
struct FailureEndToEndTests {
    @Test func closesWith1002AndExits76OnAGarbageFrame() throws {
        let server = try FixtureServer(session: "bitstamp-garbage")
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--endpoint", server.endpoint, "-f", "jsonl",
        ])
        #expect(result.status == 76)
        #expect(result.stdout.split(separator: "\n").count == 2)  // the two trades before the fault are kept
        #expect(
            result.stderr
                == "streamer: protocol error from 127.0.0.1:\(server.port): frame with reserved opcode 3 (closed with 1002)\n"
        )
        let (_, log) = server.waitForExit()
        #expect(log.contains { $0.hasPrefix("client-close 1002") })
    }

    @Test func reportsAConnectionDroppedWithoutCloseAndKeepsWhatArrived() throws {
        let server = try FixtureServer(session: "bitstamp-drop")
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--endpoint", server.endpoint, "-f", "jsonl", "--no-reconnect",
        ])
        #expect(result.status == 69)
        #expect(result.stdout.split(separator: "\n").count == 2)
        #expect(
            result.stderr
                == "streamer: connection to 127.0.0.1:\(server.port) was closed without a WebSocket close frame\n")
    }

    @Test func showsTheServersStatusLineWhenTheUpgradeIsRefused() throws {
        let server = try FixtureServer(session: "handshake-forbidden")
        let result = try StreamerProcess.run(["bitstamp", "trades", "btcusd", "--endpoint", server.endpoint])
        #expect(result.status == 76)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("'HTTP/1.1 403 Forbidden'"))
    }

    @Test func exits69WhenNothingListens() throws {
        let server = try FixtureServer(session: "bitstamp-trades")
        let port = server.port
        server.stop()
        let result = try StreamerProcess.run([
            "bitstamp", "trades", "btcusd", "--endpoint", "ws://127.0.0.1:\(port)", "--no-reconnect",
        ])
        #expect(result.status == 69)
        #expect(result.stderr == "streamer: could not connect to 127.0.0.1:\(port): Connection refused\n")
    }

    @Test(arguments: [
        ["--fromat", "csv"], ["bitstamp", "tardes", "btcusd"], ["bitstamp", "trades"], ["nope", "trades", "btcusd"],
        ["bitstamp", "trades", "btcusd", "--cacert", "/nonexistent/ca.pem"],
    ])
    func exits64WithAnEmptyStdoutOnUsageErrors(arguments: [String]) throws {
        let result = try StreamerProcess.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("streamer: "))
        #expect(result.stderr.hasSuffix("(see 'streamer --help')\n"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func printsHelpWithExamplesAndTheVersion() throws {
        let help = try StreamerProcess.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("Examples:") && help.stderr == "")
        let version = try StreamerProcess.run(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("streamer "))
    }
}

import Foundation
import Testing

/// The live views in a real terminal (tmux), as a person sees them: the book ladder and the status line.
@Suite(.timeLimit(.minutes(1)), .enabled(if: TerminalSession.available, "tmux is not installed (make setup)"))
struct TerminalEndToEndTests {
    private func command(_ arguments: [String]) -> String {
        let binary = StreamerProcess.binary(named: "streamer").path
        return "env XDG_CACHE_HOME=\(StreamerProcess.scratchCacheDirectory) \(binary) "
            + arguments.joined(separator: " ")
    }

    @Test func drawsTheBookAsALadderAndRestoresTheTerminal() throws {
        let server = try FixtureServer(session: "bitstamp-book")
        let terminal = try TerminalSession(
            command(["bitstamp", "book", "btcusd", "--depth", "3", "--endpoint", server.endpoint]))
        let screen = terminal.waitForScreen { $0.contains("EXIT=") }
        #expect(screen.contains("EXIT=0"))
        #expect(screen.contains("BTC-USD  bitstamp book  11:06:43.100000 UTC  seq 1795000003100000"))
        #expect(screen.contains("BID SIZE             BID  │  ASK                   ASK SIZE"))
        #expect(screen.contains("0.20000000        96998.75  │  96999.87            0.02000000"))
        #expect(screen.contains("spread 1.12  mid 96999.31"))
        #expect(screen.contains("████████████████"))
    }

    @Test func showsALiveStatusLineWhileCapturingToAFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("status-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let server = try FixtureServer(session: "bitstamp-trades-loop", extraArguments: ["--pace", "50ms"])
        let terminal = try TerminalSession(
            command(["bitstamp", "trades", "btcusd", "-o", file.path, "-d", "4s", "--endpoint", server.endpoint]))
        let live = terminal.waitForScreen {
            $0.contains(" events  ") && $0.contains("written") && !$0.hasPrefix("0 events")
        }
        #expect(live.contains("elapsed  0 reconnects  last message"))
        let done = terminal.waitForScreen { $0.contains("EXIT=") }
        #expect(done.contains("EXIT=0"))
        #expect(!done.contains("written"))  // the status line is cleared on exit
        #expect(try String(contentsOf: file, encoding: .utf8).split(separator: "\n").count > 5)
    }
}

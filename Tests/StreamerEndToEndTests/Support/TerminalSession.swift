import Foundation

/// A command running in a detached tmux pane (its own tmux server), read the way a person sees it: `capture-pane`.
///
/// The server is started from a "keeper" shell that stays alive for the session: a tmux server whose starting
/// process has exited does not survive under Foundation's `Process` here.
final class TerminalSession {
    private let socket = "streamer-test-\(UUID().uuidString.prefix(8))"
    private let keeper = Process()

    /// Starts `command` (a shell command) in a `columns`×`rows` pane; the pane prints `EXIT=<status>` when it ends.
    init(_ command: String, columns: Int = 140, rows: Int = 40) throws {
        let pane = "\(command); echo EXIT=$?; sleep 120"
        let start = "tmux -L \(socket) -f /dev/null new-session -d -s t -x \(columns) -y \(rows) \(Self.quoted(pane))"
        keeper.executableURL = URL(fileURLWithPath: "/bin/sh")
        keeper.arguments = ["-c", "\(start); exec sleep 300"]
        keeper.standardInput = FileHandle.nullDevice
        keeper.standardOutput = FileHandle.nullDevice
        keeper.standardError = FileHandle.nullDevice
        try keeper.run()
    }

    deinit {
        _ = shell("tmux -L \(socket) kill-server")
        keeper.terminate()
    }

    /// The visible screen now.
    func screen() -> String { shell("tmux -L \(socket) capture-pane -p -t t 2>/dev/null") }

    /// Polls the screen until `predicate` holds or `timeout` passes; the last screen seen.
    @discardableResult
    func waitForScreen(timeout: Duration = .seconds(20), _ predicate: (String) -> Bool) -> String {
        let deadline = ContinuousClock.now + timeout
        var last = screen()
        while !predicate(last) && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)  // polling a condition, bounded by the deadline
            last = screen()
        }
        return last
    }

    private func shell(_ command: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "" }  // tmux missing: the caller's expectations fail
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Whether tmux is installed (`make setup` installs it).
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }
}

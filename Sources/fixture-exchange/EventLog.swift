import Synchronization

/// The event log on stdout: one whole line per event, written with `write(2)` so it is never buffered.
final class EventLog: Sendable {
    private let lock = Mutex(())
    private let fd: Int32

    /// A log on `fd` (1, stdout, unless testing).
    init(fd: Int32 = 1) {
        self.fd = fd
    }

    /// Writes `line` and a newline in one piece; lines from several connections never interleave.
    func write(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        lock.withLock { _ in
            _ = Platform.writeAll(fd, bytes)  // a closed stdout only loses the log
        }
    }

    /// `text` on one line: CR and LF are shown as `\r` and `\n`.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Lowercase hex of `bytes`, as in `received ping 6d6964`.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}

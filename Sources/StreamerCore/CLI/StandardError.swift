#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The only writer to fd 2: errors, warnings and `--verbose` notes, one whole line per write.
final class StandardError: Diagnostics {
    private let verbose: Bool
    private let quiet: Bool

    /// A writer honouring `--verbose` and `--quiet`.
    init(verbose: Bool = false, quiet: Bool = false) {
        self.verbose = verbose
        self.quiet = quiet
    }

    /// The status line on screen, redrawn after every other line.
    private var statusText: String?

    /// Writes `text` and a newline in one write(2), keeping the status line below it; a failing stderr is ignored
    /// (nowhere left to report it).
    func line(_ text: String) {
        var bytes: [UInt8] = statusText == nil ? [] : Array("\r\u{1B}[K".utf8)
        bytes.append(contentsOf: text.utf8)
        bytes.append(0x0A)
        if let statusText { bytes.append(contentsOf: statusText.utf8) }
        write(bytes)
    }

    func status(_ text: String?) {
        var bytes = Array("\r\u{1B}[K".utf8)  // carriage return, erase to the end of the line
        if let text { bytes.append(contentsOf: text.utf8) }
        statusText = text
        write(bytes)
    }

    private func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            try? Platform.writeAll(2, raw)  // stderr closed or full: nothing more useful can be done
        }
    }

    func warning(_ text: String) {
        if !quiet { line("streamer: \(text)") }
    }

    func note(_ text: String) {
        if verbose { line("streamer: \(text)") }
    }
}

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

    /// Writes `text` and a newline in one write(2); a failing stderr is ignored (nowhere left to report it).
    func line(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.append(0x0A)
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

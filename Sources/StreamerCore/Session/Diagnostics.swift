/// Where the session reports what is not data: warnings always, notes with `--verbose`.
///
/// Implemented by the CLI, the only writer to stderr.
public protocol Diagnostics: AnyObject {
    /// A problem the user should know about (one line, no prefix).
    func warning(_ text: String)
    /// Detail shown only with `--verbose`.
    func note(_ text: String)
    /// Replaces the live status line (`--stats`) with `text`; nil removes it.
    func status(_ text: String?)
}

import Foundation

/// A parsed session file: how to answer the handshake, then the frame directives to play.
///
/// UTF-8 text, one directive per line: the keyword, one space, and the argument (the rest of the line).
/// `#` comment lines and blank lines are ignored.
struct Script: Equatable, Sendable {
    /// The answer to the HTTP Upgrade.
    var handshake: HandshakeMode = .accept
    /// The frame directives in file order.
    var directives: [Directive] = []

    /// Reads and parses the session file at `path`; `send-file` paths are relative to the parent of its
    /// folder (`Fixtures/` for `Fixtures/sessions/x.session`).
    static func load(path: String) throws(ScriptError) -> Script {
        let url = URL(fileURLWithPath: path)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        let fixtures = url.deletingLastPathComponent().deletingLastPathComponent()
        return try parse(text) { relative in
            let file = fixtures.appendingPathComponent(relative)
            // try?: a missing or unreadable file is reported by the caller as a script error.
            guard let contents = try? String(contentsOf: file, encoding: .utf8) else { return nil }
            return contents.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        }
    }

    /// Parses session text; `readLines` returns the non-empty lines of a `send-file` file, or nil.
    static func parse(_ text: String, readLines: (String) -> [String]?) throws(ScriptError) -> Script {
        var script = Script()
        var sawHandshakeDirective = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, rawLine) in lines.enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let number = offset + 1
            if let last = script.directives.last, last.endsConnection {
                throw .invalidLine(number: number, reason: "never reached: the directive before it ends the connection")
            }
            let keyword = line.prefix { $0 != " " }
            let argument = String(line.dropFirst(keyword.count + 1))
            do throws(ParseFailure) {
                switch keyword {
                case "handshake-status", "handshake-bad-accept":
                    guard script.directives.isEmpty else { throw ParseFailure("'\(keyword)' must come before frames") }
                    guard !sawHandshakeDirective else { throw ParseFailure("only one handshake directive is allowed") }
                    sawHandshakeDirective = true
                    script.handshake = try handshakeMode(String(keyword), argument)
                default:
                    let directive = try frameDirective(
                        String(keyword), argument, existing: script.directives, readLines)
                    script.directives.append(directive)
                }
            } catch {
                throw .invalidLine(number: number, reason: error.reason)
            }
        }
        return script
    }
}

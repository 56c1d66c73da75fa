import Foundation

/// A parsed session file: how to answer the handshake, the frame directives to play, and the plain HTTP
/// routes served next to the WebSocket.
///
/// UTF-8 text, one directive per line: the keyword, one space, and the argument (the rest of the line).
/// `#` comment lines and blank lines are ignored. `http-get` lines may stand anywhere.
struct Script: Equatable, Sendable {
    /// The answer to the HTTP Upgrade.
    var handshake: HandshakeMode = .accept
    /// The frame directives in file order (of the first connection's section).
    var directives: [Directive] = []
    /// The sections after `next-connection` lines: the second WebSocket connection plays the first of these, and
    /// so on; the last section repeats for any further connection.
    var laterConnections: [[Directive]] = []

    /// The directives the `index`-th WebSocket connection (from 0) plays.
    func directives(forConnection index: Int) -> [Directive] {
        guard index > 0, !laterConnections.isEmpty else { return directives }
        return laterConnections[min(index, laterConnections.count) - 1]
    }
    /// The `http-get` routes, in file order.
    var httpRoutes: [HTTPRoute] = []

    /// Whether some connection's directives check credentials (`expect-auth-subscribe` and the like).
    var needsCredentials: Bool {
        (directives + laterConnections.joined()).contains(where: \.needsCredentials)
    }

    /// Reads and parses the session file at `path`; `send-file` and `http-get` paths are relative to the parent
    /// of its folder (`Fixtures/` for `Fixtures/sessions/x.session`).
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
            // try?: a missing or unreadable file is reported by the caller as a script error.
            guard let data = try? Data(contentsOf: fixtures.appendingPathComponent(relative)) else { return nil }
            return [UInt8](data)
        }
    }

    /// Parses session text; `readFile` returns the bytes of a file named by `send-file` or `http-get`, or nil.
    static func parse(_ text: String, readFile: (String) -> [UInt8]?) throws(ScriptError) -> Script {
        var script = Script()
        var sawHandshakeDirective = false
        var sections: [[Directive]] = []
        var waits: [(number: Int, path: String)] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, rawLine) in lines.enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let number = offset + 1
            let keyword = line.prefix { $0 != " " }
            let argument = String(line.dropFirst(keyword.count + 1))
            do throws(ParseFailure) {
                if keyword == "http-get" {  // declarations, valid anywhere: not steps of the script
                    script.httpRoutes.append(try httpRoute(argument, existing: script.httpRoutes, readFile: readFile))
                    continue
                }
                if keyword == "next-connection" {  // a new section, for the next WebSocket connection
                    sections.append(script.directives)
                    script.directives = []
                    continue
                }
                if let last = script.directives.last, last.endsConnection {
                    throw ParseFailure("never reached: the directive before it ends the connection")
                }
                switch keyword {
                case "handshake-status", "handshake-bad-accept":
                    guard script.directives.isEmpty else { throw ParseFailure("'\(keyword)' must come before frames") }
                    guard !sawHandshakeDirective else { throw ParseFailure("only one handshake directive is allowed") }
                    sawHandshakeDirective = true
                    script.handshake = try handshakeMode(String(keyword), argument)
                default:
                    let directive = try frameDirective(String(keyword), argument, existing: script.directives, readFile)
                    if case .waitHTTP(let path, _) = directive { waits.append((number, path)) }
                    script.directives.append(directive)
                }
            } catch {
                throw .invalidLine(number: number, reason: error.reason)
            }
        }
        if !sections.isEmpty {
            sections.append(script.directives)
            script.directives = sections[0]
            script.laterConnections = Array(sections.dropFirst())
        }
        try checkWaits(script, lines: waits)
        return script
    }
}

/// How the server answers the HTTP Upgrade (the `handshake-*` directives).
enum HandshakeMode: Equatable, Sendable {
    /// `101 Switching Protocols` with the correct accept value.
    case accept
    /// `handshake-status <code> <reason>`: this status line instead of an upgrade, then close.
    case refuse(status: Int, reason: String)
    /// `handshake-bad-accept`: `101` with a wrong `Sec-WebSocket-Accept`.
    case wrongAcceptValue
}

/// One frame directive of a session script (see `Script` for the text form).
enum Directive: Equatable, Sendable {
    case expectText(String)
    case sendText(String)
    /// `send-file <path>`: the file's non-empty lines, loaded when the script is.
    case sendFile(path: String, lines: [String])
    case sendFragmented(count: Int, text: String)
    case sendPing([UInt8])
    case expectPong([UInt8])
    case sendClose(code: UInt16, reason: String)
    case waitClose
    case sendGarbage
    case sendRawHex([UInt8])
    case drop
    case reset
    /// `loop`: continue at `restartAt`, the directive after the last `expect-text` before it.
    case loop(restartAt: Int)
    case sleep(Duration)
    /// `stall <duration>`: neither read nor write (pings go unanswered), as a dead link behaves.
    case stall(Duration)
    /// `send-file-drip <path>`: like `send-file`, but every frame is written one byte per write.
    case sendFileDrip(path: String, lines: [String])
    /// `send-split <n> <text>`: one text frame written in `n` pieces (over TLS, `n` records).
    case sendSplit(count: Int, text: String)
    /// `wait-http <path> <count>`: until the `http-get` route `path` has been requested `count` times in all.
    case waitHTTP(path: String, count: Int)

    /// Whether the directive always ends the connection, so nothing after it could run.
    var endsConnection: Bool {
        switch self {
        case .sendClose, .waitClose, .sendGarbage, .drop, .reset, .loop: true
        default: false
        }
    }

    /// Whether the directive sends or waits, so that a `loop` over it cannot spin without doing anything.
    var takesTimeOrSends: Bool {
        switch self {
        case .sendText, .sendFile, .sendFragmented, .sendPing, .sendRawHex, .sleep, .stall, .sendFileDrip, .sendSplit:
            true
        default: false
        }
    }
}

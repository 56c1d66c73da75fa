/// The reason one session line is wrong, before the line number is attached.
struct ParseFailure: Error {
    let reason: String

    /// A failure with the given wording.
    init(_ reason: String) {
        self.reason = reason
    }
}

extension Script {
    /// The longest control-frame payload (RFC 6455 §5.5).
    static let maxControlPayload = 125

    /// Parses `handshake-status <code> <reason>` or `handshake-bad-accept`.
    static func handshakeMode(_ keyword: String, _ argument: String) throws(ParseFailure) -> HandshakeMode {
        guard keyword == "handshake-status" else {
            try requireEmpty(keyword, argument)
            return .wrongAcceptValue
        }
        let (codeText, reason) = splitFirstWord(argument)
        guard let code = Int(codeText), (200...599).contains(code), !reason.isEmpty else {
            throw ParseFailure("'handshake-status' needs a status 200-599 and a reason, as '403 Forbidden'")
        }
        return .refuse(status: code, reason: reason)
    }

    /// Parses one frame directive; `existing` are the directives before it (for `loop`).
    static func frameDirective(
        _ keyword: String,
        _ argument: String,
        existing: [Directive],
        _ readFile: (String) -> [UInt8]?
    ) throws(ParseFailure) -> Directive {
        switch keyword {
        case "expect-text": return .expectText(argument)
        case "send-text": return .sendText(argument)
        case "send-file":
            guard let bytes = readFile(argument), let text = String(validating: bytes, as: UTF8.self) else {
                throw ParseFailure("cannot read file '\(argument)' as UTF-8 text")
            }
            let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
            return .sendFile(path: argument, lines: lines)
        case "wait-http": return try waitHTTPDirective(argument)
        case "send-fragmented":
            let (countText, text) = splitFirstWord(argument)
            guard let count = Int(countText), count >= 1, count <= max(1, text.utf8.count) else {
                throw ParseFailure("'send-fragmented' needs a fragment count from 1 to the text's length in bytes")
            }
            return .sendFragmented(count: count, text: text)
        case "send-ping": return .sendPing(try controlPayload(keyword, argument))
        case "expect-pong": return .expectPong(try controlPayload(keyword, argument))
        case "send-close":
            let (codeText, reason) = splitFirstWord(argument)
            guard let code = UInt16(codeText) else { throw ParseFailure("'send-close' needs a close code") }
            guard reason.utf8.count <= maxControlPayload - 2 else {
                throw ParseFailure("close reason over \(maxControlPayload - 2) bytes (RFC 6455 §5.5)")
            }
            return .sendClose(code: code, reason: reason)
        case "send-raw-hex": return .sendRawHex(try hexBytes(argument))
        case "stall":
            guard let duration = Duration(parsing: argument) else {
                throw ParseFailure("'stall' needs a duration such as 5s")
            }
            return .stall(duration)
        case "send-split":
            let parts = argument.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let count = Int(parts[0]), count >= 1 else {
                throw ParseFailure("'send-split' needs a piece count and the text")
            }
            return .sendSplit(count: count, text: String(parts[1]))
        case "send-file-drip":
            guard
                case .sendFile(let path, let lines) = try frameDirective(
                    "send-file", argument, existing: existing, readFile)
            else { throw ParseFailure("'send-file-drip' needs a file") }
            return .sendFileDrip(path: path, lines: lines)
        case "sleep":
            guard let duration = Duration(parsing: argument) else {
                throw ParseFailure("'sleep' needs a duration such as 200ms or 1s")
            }
            return .sleep(duration)
        case "loop":
            try requireEmpty(keyword, argument)
            return try loopDirective(existing: existing)
        default:
            guard let directive = argumentless[keyword] else { throw ParseFailure("unknown directive '\(keyword)'") }
            try requireEmpty(keyword, argument)
            return directive
        }
    }

    private static let argumentless: [String: Directive] = [
        "wait-close": .waitClose, "send-garbage": .sendGarbage, "drop": .drop, "reset": .reset,
    ]

    /// `loop`: back to the directive after the last `expect-text`; the body must send or sleep.
    private static func loopDirective(existing: [Directive]) throws(ParseFailure) -> Directive {
        let lastExpect = existing.lastIndex { if case .expectText = $0 { true } else { false } }
        let restartAt = lastExpect.map { $0 + 1 } ?? 0
        guard existing[restartAt...].contains(where: \.takesTimeOrSends) else {
            throw ParseFailure("'loop' would repeat nothing that sends or sleeps")
        }
        return .loop(restartAt: restartAt)
    }

    private static func requireEmpty(_ keyword: String, _ argument: String) throws(ParseFailure) {
        guard argument.isEmpty else { throw ParseFailure("'\(keyword)' takes no argument") }
    }

    private static func controlPayload(_ keyword: String, _ argument: String) throws(ParseFailure) -> [UInt8] {
        let payload = Array(argument.utf8)
        guard payload.count <= maxControlPayload else {
            throw ParseFailure("'\(keyword)' payload over \(maxControlPayload) bytes (RFC 6455 §5.5)")
        }
        return payload
    }

    private static func hexBytes(_ text: String) throws(ParseFailure) -> [UInt8] {
        let digits = text.filter { !$0.isWhitespace }
        guard !digits.isEmpty, digits.count.isMultiple(of: 2) else {
            throw ParseFailure("'send-raw-hex' needs an even number of hex digits")
        }
        var bytes: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            guard let byte = UInt8(digits[index..<next], radix: 16) else {
                throw ParseFailure("'\(digits[index..<next])' is not a hex byte")
            }
            bytes.append(byte)
            index = next
        }
        return bytes
    }

    private static func splitFirstWord(_ text: String) -> (word: String, rest: String) {
        let word = text.prefix { $0 != " " }
        return (String(word), String(text.dropFirst(word.count + 1)))
    }
}

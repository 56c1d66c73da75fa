#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
/// Where a session goes after one directive.
enum Step: Equatable, Sendable {
    case next
    case jump(Int)
    /// The connection has been closed; nothing more to play.
    case finished
}

/// Plays a script's frame directives against one upgraded client and records whether it passed.
final class SessionPlayer {
    /// How long `expect-text` and `expect-pong` wait for the client.
    static let expectTimeout: Duration = .seconds(10)
    /// How long `send-close` waits for the client's Close reply.
    static let closeReplyTimeout: Duration = .seconds(5)
    /// How long `wait-close`, `send-garbage` and the end of a script wait for the client's Close.
    static let waitCloseTimeout: Duration = .seconds(30)

    let link: PeerLink
    let log: EventLog
    /// The `http-get` routes, for `wait-http`.
    let routes: HTTPRouteTable
    private let directives: [Directive]
    private let pace: Duration?
    private var lastDataFrame: ContinuousClock.Instant?
    /// False once an expectation failed, the client broke the protocol, or it never closed when it should have.
    var passed = true

    /// A player for `directives` over `link`; `pace` spaces the data frames of `send-text`/`send-file`.
    init(link: PeerLink, directives: [Directive], pace: Duration?, log: EventLog, routes: HTTPRouteTable) {
        self.link = link
        self.directives = directives
        self.pace = pace
        self.log = log
        self.routes = routes
    }

    /// Plays from the first directive until the connection ends; a script that ends without closing
    /// behaves like `wait-close`.
    func play() {
        var index = 0
        while index < directives.count {
            switch perform(directives[index]) {
            case .next: index += 1
            case .jump(let target): index = target
            case .finished: return
            }
        }
        _ = awaitClose(timeout: Self.waitCloseTimeout)
    }

    private func perform(_ directive: Directive) -> Step {
        switch directive {
        case .expectText(let text):
            return expectText(text)
        case .sendText(let text):
            return sendData(text)
        case .sendFile(_, let lines):
            for line in lines {
                guard sendData(line) == .next else { return .finished }
            }
            return .next
        case .sendFragmented(let count, let text):
            return sendFragmented(count, text)
        case .sendPing(let payload):
            return transmit { () throws(ConnectionError) in try link.send(.ping, payload) }
        case .expectPong(let payload):
            return expectPong(payload)
        case .sendClose(let code, let reason):
            return closeFromServer(code: code, reason: reason)
        case .waitClose:
            return awaitClose(timeout: Self.waitCloseTimeout)
        case .sendGarbage:
            let sent = transmit { () throws(ConnectionError) in try link.sendRaw(FrameEncoder.reservedOpcodeFrame) }
            return sent == .next ? awaitClose(timeout: Self.waitCloseTimeout) : sent
        case .sendRawHex(let bytes):
            return transmit { () throws(ConnectionError) in try link.sendRaw(bytes) }
        case .drop:
            link.close()
            return .finished
        case .reset:
            link.reset()
            return .finished
        case .loop(let restartAt):
            return .jump(restartAt)
        case .sleep(let duration):
            return idle(until: .now + duration)
        case .stall(let duration):
            let end = ContinuousClock.now + duration
            while ContinuousClock.now < end { _ = poll(nil, 0, 100) }  // sleeps without reading: pings go unanswered
            return .next
        case .sendFileDrip(_, let lines):
            for line in lines {
                for byte in FrameEncoder.frame(opcode: .text, payload: Array(line.utf8)) {
                    guard transmit({ () throws(ConnectionError) in try link.sendRaw([byte]) }) == .next else {
                        return .finished
                    }
                }
            }
            return .next
        case .sendSplit(let count, let text):
            let bytes = FrameEncoder.frame(opcode: .text, payload: Array(text.utf8))
            for index in 0..<count {
                let piece = Array(bytes[(index * bytes.count / count)..<((index + 1) * bytes.count / count)])
                guard transmit({ () throws(ConnectionError) in try link.sendRaw(piece) }) == .next else {
                    return .finished
                }
            }
            return .next
        case .waitHTTP(let path, let count):
            return waitHTTP(path: path, count: count)
        }
    }

    /// One text data frame, at least `--pace` after the previous one.
    private func sendData(_ text: String) -> Step {
        if let pace, let lastDataFrame, idle(until: lastDataFrame + pace) == .finished {
            return .finished
        }
        let step = transmit { () throws(ConnectionError) in try link.send(.text, Array(text.utf8)) }
        lastDataFrame = .now
        return step
    }

    /// `text` as `count` fragments (a text frame, then continuations), with a ping `mid` between the first
    /// and the second: control frames may be interleaved with fragments (RFC 6455 §5.4).
    private func sendFragmented(_ count: Int, _ text: String) -> Step {
        let bytes = Array(text.utf8)
        for index in 0..<count {
            let chunk = Array(bytes[(index * bytes.count / count)..<((index + 1) * bytes.count / count)])
            let opcode: Opcode = index == 0 ? .text : .continuation
            let isLast = index == count - 1
            guard transmit({ () throws(ConnectionError) in try link.send(opcode, chunk, fin: isLast) }) == .next else {
                return .finished
            }
            if index == 0 && !isLast {
                guard transmit({ () throws(ConnectionError) in try link.send(.ping, Array("mid".utf8)) }) == .next
                else { return .finished }
            }
        }
        return .next
    }

    /// Performs `write`, then checks without blocking whether the client has closed in the meantime.
    func transmit(_ write: () throws(ConnectionError) -> Void) -> Step {
        do {
            try write()
        } catch {
            log.write("send-failed \(error)")
            link.close()
            return .finished
        }
        return idle(until: .now)
    }
}

import StreamerCore

/// One fuzzingserver case: connect to `/runCase`, echo every message, answer pings (the client does), and
/// follow the close handshake to its end.
struct EchoCase {
    /// How a case ended, from the client's side (the verdict is the server's).
    enum Outcome: Equatable, CustomStringConvertible {
        /// The close handshake completed; the server's code.
        case closed(CloseCode?)
        /// We failed the connection (after sending Close with the matching code).
        case failed(FrameError)
        /// The server dropped TCP without a close handshake.
        case dropped
        /// Connect, handshake or socket I/O failed.
        case error(WebSocketError)
        /// The server neither closed nor sent anything before the case deadline; we closed with 1001.
        case timedOut

        var description: String {
            switch self {
            case .closed(let code): "closed \(code.map(String.init(describing:)) ?? "(no code)")"
            case .failed(let error): "failed the connection: \(error) (sent \(error.closeCode))"
            case .dropped: "server dropped the connection"
            case .error(let error): "error: \(error)"
            case .timedOut: "timed out"
            }
        }
    }

    let connector: WebSocketConnector
    let timeoutSeconds: Int

    /// Runs the case to its end; `echoed` counts the messages sent back.
    func run(echoed: inout Int) -> Outcome {
        let client: WebSocketClient
        do {
            client = try connector.connect()
        } catch {
            return .error(error)
        }
        let deadline = ContinuousClock.now + .seconds(timeoutSeconds)
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                client.close(.goingAway)
                return .timedOut
            }
            let milliseconds = Int32(clamping: remaining.components.seconds * 1_000 + 1)
            do throws(WebSocketError) {
                switch try client.next(timeoutMilliseconds: min(milliseconds, 1_000)) {
                case .idle: continue
                case .message(let message):
                    try client.send(message)
                    echoed += 1
                case .closed(let code, _): return .closed(code)
                }
            } catch {
                switch error {
                case .protocolViolation(_, let frameError): return .failed(frameError)
                case .connectionLost: return .dropped
                default:
                    client.close(.goingAway, timeoutMilliseconds: 0)
                    return .error(error)
                }
            }
        }
    }
}

import Synchronization

/// How one connection ended, as far as `--once` cares.
enum ConnectionOutcome: Equatable, Sendable {
    /// A WebSocket upgrade attempt ran to its end; `passed` if every expectation held.
    case webSocket(passed: Bool)
    /// A plain HTTP request, or a connection that never sent a request head: `--once` does not count it.
    case other
}

/// Serves one accepted client: TLS if configured, the HTTP request, then either a plain HTTP route or
/// the handshake and the script.
struct ConnectionHandler: Sendable {
    /// How long the TLS handshake and the HTTP request head may take.
    static let requestTimeout: Duration = .seconds(10)
    /// How long one blocked write may take before the client counts as gone.
    static let sendTimeout: Duration = .seconds(30)

    let script: Script
    let pace: Duration?
    let tls: TLSContext?
    let log: EventLog
    /// The `http-get` routes, shared by every connection.
    let routes: HTTPRouteTable
    /// Under `--once`: admits the first WebSocket attempt only.
    let onceGate: OnceGate?
    /// Numbers upgraded connections, so each plays its `next-connection` section of the script.
    let connections = ConnectionCounter()
    /// Flood mode (`--flood`): every upgraded client gets the flood instead of the script.
    var flood: FloodPlan? = nil
    /// `--api-key`/`--api-secret`/`--user-id`: enable the token endpoint and the auth directives.
    var credentials: APICredentials? = nil
    /// The websockets tokens and nonces, shared by the token endpoint and every session.
    let tokens = TokenTable()

    /// Runs the connection on `fd` to its end and says whether it was a WebSocket attempt that passed.
    ///
    /// WebSocket attempts and failed connections log `connected` … `session-done`; a plain HTTP request logs
    /// one `http` line.
    func serve(fd: Int32) -> ConnectionOutcome {
        Platform.setTimeouts(fd, receive: Self.requestTimeout, send: Self.sendTimeout)
        let connection: any Connection
        if let tls {
            do {
                connection = try tls.accept(fd: fd)
            } catch {
                log.write("connected")
                log.write("tls-error \(error)")
                log.write("session-done")
                return .other
            }
        } else {
            connection = PlainConnection(fd: fd)
        }
        let request: HTTPRequest
        let leftover: [UInt8]
        do {
            (request, leftover) = try HTTPRequest.read(from: connection, until: .now + Self.requestTimeout)
        } catch {
            log.write("connected")
            defer { log.write("session-done") }
            reject(error, on: connection)
            return .other
        }
        guard case .webSocket(let answer) = RequestRouter(handshake: script.handshake).decide(request) else {
            if let credentials, TokenEndpoint.handles(request) {
                let endpoint = TokenEndpoint(credentials: credentials, tokens: tokens)
                serveToken(request, leftover: leftover, endpoint: endpoint, on: connection)
            } else {
                servePlain(request, on: connection)
            }
            return .other
        }
        log.write("connected")
        defer { log.write("session-done") }
        log.write("request \(request.method) \(EventLog.printable(request.target))")
        if let onceGate, !onceGate.claim() {
            log.write("refused: --once already admitted a WebSocket connection")
            respond(.closing(status: 503, reason: "Service Unavailable"), on: connection)
            connection.close()
            return .other
        }
        return .webSocket(passed: play(answer, leftover: leftover, on: connection))
    }

    /// Answers the upgrade attempt and, once upgraded, plays the script; true if the client passed.
    private func play(_ answer: UpgradeAnswer, leftover: [UInt8], on connection: any Connection) -> Bool {
        switch answer {
        case .respond(let response, let violation):
            if let violation { log.write("protocol-error \(violation)") }
            respond(response, on: connection)
            connection.close()
            return violation == nil
        case .upgrade(let response):
            guard respond(response, on: connection) else {
                connection.close()
                return true
            }
            let link = PeerLink(connection: connection, log: log, leftover: leftover)
            if let flood {
                let player = FloodPlayer(link: link, plan: flood, log: log, routes: routes)
                player.play()
                return player.passed
            }
            let index = connections.next()
            let auth = credentials.map { SessionAuth(credentials: $0, tokens: tokens, connection: index + 1) }
            let player = SessionPlayer(
                link: link, directives: script.directives(forConnection: index), pace: pace, log: log, routes: routes,
                auth: auth)
            player.play()
            return player.passed
        }
    }

    /// Answers a plain HTTP request from the routes (404 if none matches), logs `http <method> <target> <status>`,
    /// then closes; the request counts for `wait-http` after its log line.
    private func servePlain(_ request: HTTPRequest, on connection: any Connection) {
        let (response, route) = routes.answer(request)
        do {
            try connection.write(response.bytes)
            log.write("http \(request.method) \(EventLog.printable(request.target)) \(response.status)")
        } catch {
            log.write("http \(request.method) \(EventLog.printable(request.target)) send-failed \(error)")
        }
        if let route { routes.recordAnswered(route) }
        connection.close()
    }

    /// Sends `response` and logs its status line; false if the client is gone.
    @discardableResult
    private func respond(_ response: HTTPResponse, on connection: any Connection) -> Bool {
        do {
            try connection.write(response.bytes)
        } catch {
            log.write("send-failed \(error)")
            return false
        }
        log.write("response \(response.status) \(response.reason)")
        return true
    }

    /// Handles a request head that could not be read: EOF before any byte is a client that just left.
    private func reject(_ error: HTTPError, on connection: any Connection) {
        switch error {
        case .closedEarly(bytesReceived: 0):
            log.write("client-eof")
        case .closedEarly, .timedOut, .connection:
            log.write("protocol-error \(error)")
        case .headTooLarge, .notUTF8, .malformedRequestLine, .malformedHeader, .unsupportedBody, .bodyTooLarge,
            .bodyIncomplete:
            log.write("protocol-error \(error)")
            respond(.closing(status: 400, reason: "Bad Request"), on: connection)
        }
        connection.close()
    }
}

/// Counts upgraded WebSocket connections across the threads serving them.
final class ConnectionCounter: Sendable {
    private let count = Mutex(0)

    /// This connection's index, from 0.
    func next() -> Int {
        count.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}

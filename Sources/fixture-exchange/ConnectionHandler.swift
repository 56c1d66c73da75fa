/// Serves one accepted client: TLS if configured, the HTTP request, the handshake, then the script.
struct ConnectionHandler: Sendable {
    /// How long the TLS handshake and the HTTP request head may take.
    static let requestTimeout: Duration = .seconds(10)
    /// How long one blocked write may take before the client counts as gone.
    static let sendTimeout: Duration = .seconds(30)

    let script: Script
    let pace: Duration?
    let tls: TLSContext?
    let log: EventLog

    /// Runs the connection on `fd` to its end and logs `session-done`; true if every expectation held
    /// and the client broke no protocol rule.
    func serve(fd: Int32) -> Bool {
        log.write("connected")
        defer { log.write("session-done") }
        Platform.setTimeouts(fd, receive: Self.requestTimeout, send: Self.sendTimeout)
        let connection: any Connection
        if let tls {
            do {
                connection = try tls.accept(fd: fd)
            } catch {
                log.write("tls-error \(error)")
                return false
            }
        } else {
            connection = PlainConnection(fd: fd)
        }
        let request: HTTPRequest
        let leftover: [UInt8]
        do {
            (request, leftover) = try HTTPRequest.read(from: connection, until: .now + Self.requestTimeout)
        } catch {
            return reject(error, on: connection)
        }
        log.write("request \(request.method) \(EventLog.printable(request.target))")
        switch RequestRouter(handshake: script.handshake).decide(request) {
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
            let player = SessionPlayer(link: link, directives: script.directives, pace: pace, log: log)
            player.play()
            return player.passed
        }
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
    private func reject(_ error: HTTPError, on connection: any Connection) -> Bool {
        switch error {
        case .closedEarly(bytesReceived: 0):
            log.write("client-eof")
            connection.close()
            return true
        case .closedEarly, .timedOut, .connection:
            log.write("protocol-error \(error)")
            connection.close()
            return false
        case .headTooLarge, .notUTF8, .malformedRequestLine, .malformedHeader:
            log.write("protocol-error \(error)")
            respond(.closing(status: 400, reason: "Bad Request"), on: connection)
            connection.close()
            return false
        }
    }
}

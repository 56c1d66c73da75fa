extension ConnectionHandler {
    /// Answers a token request (reading its body first), logs `token minted N` or `token refused CODE`, then
    /// `http POST <target> <status>`, and closes.
    func serveToken(
        _ request: HTTPRequest, leftover: [UInt8], endpoint: TokenEndpoint, on connection: any Connection
    ) {
        let target = EventLog.printable(request.target)
        let body: [UInt8]
        do {
            body = try request.readBody(after: leftover, from: connection, until: .now + Self.requestTimeout)
        } catch {
            log.write("http \(request.method) \(target) protocol-error \(error)")
            if case .connection = error {
            } else {
                // try?: the client that sent a bad body may already be gone; the log line above says what happened.
                try? connection.write(HTTPResponse.closing(status: 400, reason: "Bad Request").bytes)
            }
            connection.close()
            return
        }
        let (response, event) = endpoint.answer(request, body: body)
        log.write(event)
        do {
            try connection.write(response.bytes)
            log.write("http \(request.method) \(target) \(response.status)")
        } catch {
            log.write("http \(request.method) \(target) send-failed \(error)")
        }
        connection.close()
    }
}

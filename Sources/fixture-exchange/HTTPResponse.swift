/// An HTTP/1.1 response the fixture sends: status line, header fields and a body (RFC 9112 §4, §6).
struct HTTPResponse: Equatable, Sendable {
    let status: Int
    let reason: String
    let headers: [HeaderField]
    let body: [UInt8]

    /// `101 Switching Protocols`, completing the WebSocket opening handshake (RFC 6455 §4.2.2).
    static func switchingProtocols(accept: String) -> HTTPResponse {
        HTTPResponse(
            status: 101,
            reason: "Switching Protocols",
            headers: [
                HeaderField(name: "Upgrade", value: "websocket"),
                HeaderField(name: "Connection", value: "Upgrade"),
                HeaderField(name: "Sec-WebSocket-Accept", value: accept),
            ],
            body: []
        )
    }

    /// A short plain-text response after which the server closes the connection.
    static func closing(status: Int, reason: String, extraHeaders: [HeaderField] = []) -> HTTPResponse {
        let body = Array("\(status) \(reason)\n".utf8)
        return HTTPResponse(
            status: status,
            reason: reason,
            headers: extraHeaders + [
                HeaderField(name: "Content-Type", value: "text/plain; charset=utf-8"),
                HeaderField(name: "Content-Length", value: String(body.count)),
                HeaderField(name: "Connection", value: "close"),
            ],
            body: body
        )
    }

    /// The response as sent on the wire.
    var bytes: [UInt8] {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        for field in headers {
            head += "\(field.name): \(field.value)\r\n"
        }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}

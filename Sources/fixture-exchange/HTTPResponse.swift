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

    /// A plain HTTP answer carrying `body` (an `http-get` route's file); the server closes afterwards.
    static func file(status: Int, body: [UInt8], contentType: String, extraHeaders: [HeaderField] = []) -> HTTPResponse
    {
        HTTPResponse(
            status: status,
            reason: reasonPhrase(for: status),
            headers: extraHeaders + [
                HeaderField(name: "Content-Type", value: contentType),
                HeaderField(name: "Content-Length", value: String(body.count)),
                HeaderField(name: "Connection", value: "close"),
            ],
            body: body
        )
    }

    /// A JSON answer such as `{"status":"error","reason":"Not found"}`.
    static func json(status: Int, body: String, extraHeaders: [HeaderField] = []) -> HTTPResponse {
        file(status: status, body: Array(body.utf8), contentType: "application/json", extraHeaders: extraHeaders)
    }

    /// The usual reason phrase for `status` (RFC 9110 §15), or a generic one.
    static func reasonPhrase(for status: Int) -> String {
        let phrases = [
            200: "OK", 201: "Created", 202: "Accepted", 301: "Moved Permanently", 302: "Found",
            307: "Temporary Redirect",
            308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
            405: "Method Not Allowed", 408: "Request Timeout", 410: "Gone", 418: "I'm a teapot",
            429: "Too Many Requests",
            500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
        ]
        return phrases[status] ?? (status < 400 ? "Status" : "Error")
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

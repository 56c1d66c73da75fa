/// The client side of the opening handshake (RFC 6455 §4.1, §4.2.2).
public struct Handshake: Sendable {
    /// §1.3: the GUID concatenated with the key before hashing.
    public static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
    /// The largest response head accepted before the blank line.
    public static let maxResponseHeadBytes = 16 << 10

    /// `Sec-WebSocket-Key`: base64 of 16 random bytes (§4.1).
    public let key: String

    /// A handshake with a given key (tests use the §1.3 sample key).
    public init(key: String) { self.key = key }

    /// A handshake with a fresh random key.
    public static func random() -> Handshake { Handshake(key: Base64.encode(Digest.randomBytes(16))) }

    /// `Sec-WebSocket-Accept` for `key`: base64(SHA-1(key + GUID)) (§4.2.2 step 5.4).
    public static func acceptValue(for key: String) -> String {
        Base64.encode(Digest.sha1(Array((key + guid).utf8)))
    }

    /// The HTTP/1.1 upgrade request for `url`.
    public func request(for url: WebSocketURL, userAgent: String) -> [UInt8] {
        let text =
            "GET \(url.path) HTTP/1.1\r\n" + "Host: \(url.hostHeader)\r\n" + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n" + "Sec-WebSocket-Key: \(key)\r\n" + "Sec-WebSocket-Version: 13\r\n"
            + "User-Agent: \(userAgent)\r\n\r\n"
        return Array(text.utf8)
    }

    /// The length of the response head including the blank line, or nil if it is not complete yet.
    public static func headLength(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 3..<bytes.count
        where bytes[index] == 0x0A && bytes[index - 1] == 0x0D && bytes[index - 2] == 0x0A && bytes[index - 3] == 0x0D {
            return index + 1
        }
        return nil
    }

    /// Checks the server's response head (§4.1, client requirements 1–4).
    public func validate(responseHead: [UInt8]) throws(HandshakeError) {
        let text = String(decoding: responseHead, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { throw .malformedResponse }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1.") else { throw .malformedResponse }
        guard parts[1] == "101" else { throw .unexpectedStatus(statusLine) }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw .malformedResponse }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        guard headers["upgrade"]?.lowercased() == "websocket" else { throw .missingHeader("Upgrade: websocket") }
        let connectionTokens = (headers["connection"] ?? "").lowercased().split(separator: ",").map {
            $0.trimmingSpaces()
        }
        guard connectionTokens.contains("upgrade") else { throw .missingHeader("Connection: Upgrade") }
        guard let accept = headers["sec-websocket-accept"] else { throw .missingHeader("Sec-WebSocket-Accept") }
        guard accept == Self.acceptValue(for: key) else { throw .wrongAccept(accept) }
        if let extensions = headers["sec-websocket-extensions"], !extensions.isEmpty {
            throw .unrequestedExtension(extensions)  // §4.1: we offered none
        }
    }
}

/// Ways the opening handshake can fail.
public enum HandshakeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server answered something other than 101; carries its status line.
    case unexpectedStatus(String)
    /// A required header is absent or wrong.
    case missingHeader(String)
    /// `Sec-WebSocket-Accept` does not match our key.
    case wrongAccept(String)
    /// The server enabled an extension we never offered.
    case unrequestedExtension(String)
    /// The response is not HTTP or its head is too long.
    case malformedResponse
    /// The connection closed before the response head was complete.
    case closedDuringHandshake

    public var description: String {
        switch self {
        case .unexpectedStatus(let line): "server refused the WebSocket upgrade: '\(line)'"
        case .missingHeader(let header): "server's upgrade response lacks '\(header)'"
        case .wrongAccept(let value): "server's Sec-WebSocket-Accept '\(value)' does not match the key sent"
        case .unrequestedExtension(let value): "server enabled extension '\(value)' that was not offered"
        case .malformedResponse: "server's upgrade response is not valid HTTP/1.1"
        case .closedDuringHandshake: "server closed the connection during the WebSocket upgrade"
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP optional whitespace).
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

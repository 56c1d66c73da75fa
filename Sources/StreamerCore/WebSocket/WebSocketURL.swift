/// A parsed `ws://` or `wss://` URL (RFC 6455 §3).
public struct WebSocketURL: Equatable, Sendable, CustomStringConvertible {
    /// Whether the connection uses TLS (`wss`).
    public var secure: Bool
    /// Host name or IP literal (without IPv6 brackets).
    public var host: String
    /// TCP port (default 80 for ws, 443 for wss).
    public var port: Int
    /// The resource name sent in the request line, starting with `/`.
    public var path: String

    /// Parses `text`, or returns nil when it is not a usable ws/wss URL.
    public init?(_ text: String) {
        let rest: Substring
        if text.hasPrefix("wss://") {
            secure = true
            rest = text.dropFirst(6)
        } else if text.hasPrefix("ws://") {
            secure = false
            rest = text.dropFirst(5)
        } else {
            return nil
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var resource = String(rest[authorityEnd...])
        if resource.isEmpty || resource.hasPrefix("?") { resource = "/" + resource }
        path = resource
        var hostPart = Substring(authority)
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() } else if !after.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        guard !hostPart.isEmpty, !hostPart.contains("@") else { return nil }
        host = String(hostPart)
        if let portPart {
            guard let value = Int(portPart), (1...65535).contains(value) else { return nil }
            port = value
        } else {
            port = secure ? 443 : 80
        }
    }

    /// Whether `port` is the scheme's default, so the Host header can omit it.
    public var usesDefaultPort: Bool { port == (secure ? 443 : 80) }

    /// The Host header value (§4.1: host, and port when not the default).
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return usesDefaultPort ? name : "\(name):\(port)"
    }

    public var description: String { "\(secure ? "wss" : "ws")://\(hostHeader)\(path)" }
}

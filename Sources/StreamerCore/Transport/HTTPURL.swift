/// A parsed `http://` or `https://` URL: what `HTTPClient` connects to and the request target it sends.
public struct HTTPURL: Equatable, Sendable, CustomStringConvertible {
    /// Whether the connection uses TLS (`https`).
    public var secure: Bool
    /// Host name or IP literal (without IPv6 brackets).
    public var host: String
    /// TCP port (default 80 for http, 443 for https).
    public var port: Int
    /// The path as sent, percent-encoded, starting with `/`.
    public var path: String
    /// The query as sent, without the `?`; nil when there is none.
    public var query: String?

    /// Parses `text`, or returns nil when it is not a usable http/https URL (a fragment is dropped).
    public init?(_ text: String) {
        guard text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }  // no spaces, controls, non-ASCII
        let lowered = text.prefix(8).lowercased()
        let rest: Substring
        if lowered.hasPrefix("https://") {
            secure = true
            rest = text.dropFirst(8)
        } else if lowered.hasPrefix("http://") {
            secure = false
            rest = text.dropFirst(7)
        } else {
            return nil
        }
        let withoutFragment = rest.prefix { $0 != "#" }
        let authorityEnd = withoutFragment.firstIndex { $0 == "/" || $0 == "?" } ?? withoutFragment.endIndex
        guard let (host, port) = Self.authority(withoutFragment[..<authorityEnd], secure: secure) else { return nil }
        self.host = host
        self.port = port
        let resource = withoutFragment[authorityEnd...]
        let pathPart = resource.prefix { $0 != "?" }
        path = pathPart.isEmpty ? "/" : String(pathPart)
        query = resource.count > pathPart.count ? String(resource.dropFirst(pathPart.count + 1)) : nil
    }

    /// A URL from its parts; `path` must start with `/` and, like `query`, be percent-encoded already.
    public init(secure: Bool, host: String, port: Int, path: String = "/", query: String? = nil) {
        self.secure = secure
        self.host = host
        self.port = port
        self.path = path
        self.query = query
    }

    /// The http(s) URL of the same origin as a WebSocket endpoint (REST next to `--endpoint`), path `/`.
    public init(origin url: WebSocketURL) {
        secure = url.secure
        host = url.host
        port = url.port
        path = "/"
        query = nil
    }

    /// Splits `host[:port]` or `[v6]:port`; nil when either part is unusable.
    private static func authority(_ text: Substring, secure: Bool) -> (String, Int)? {
        var hostPart = text
        var portPart: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            hostPart = text[text.index(after: text.startIndex)..<close]
            guard hostPart.contains(":"), hostPart.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                return nil
            }
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() } else if !after.isEmpty { return nil }
        } else {
            if let colon = text.lastIndex(of: ":") {
                hostPart = text[..<colon]
                portPart = text[text.index(after: colon)...]
            }
            let isNameCharacter: (Character) -> Bool = { $0.isLetter || $0.isNumber || "-._".contains($0) }
            guard hostPart.allSatisfy(isNameCharacter) else { return nil }  // also refuses `user@host`
        }
        guard !hostPart.isEmpty else { return nil }
        guard let portPart else { return (String(hostPart), secure ? 443 : 80) }
        guard portPart.allSatisfy(\.isASCII), let port = Int(portPart), (1...65535).contains(port) else { return nil }
        return (String(hostPart), port)
    }

    /// Whether `port` is the scheme's default, so the Host header can omit it.
    public var usesDefaultPort: Bool { port == (secure ? 443 : 80) }

    /// The Host header value (RFC 9110 §7.2): host, and the port when it is not the default.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return usesDefaultPort ? name : "\(name):\(port)"
    }

    /// The request target of the request line (RFC 9112 §3.2.1, origin form): path and query.
    public var target: String { query.map { "\(path)?\($0)" } ?? path }

    public var description: String { "\(secure ? "https" : "http")://\(hostHeader)\(target)" }

    /// This URL with `path` joined to its path by exactly one `/`, and `query` pairs added, both percent-encoded.
    ///
    /// `path` is raw text: characters outside RFC 3986 `pchar` (and `/`) are encoded, `%` included.
    public func appending(path suffix: String, query pairs: [(String, String)] = []) -> HTTPURL {
        var url = self
        let segment = Self.percentEncoded(suffix, keeping: Self.pathCharacters)
        switch (path.hasSuffix("/"), segment.hasPrefix("/")) {
        case _ where segment.isEmpty: break
        case (true, true): url.path = path + segment.dropFirst()
        case (false, false): url.path = path + "/" + segment
        default: url.path = path + segment
        }
        guard !pairs.isEmpty else { return url }
        let encoded = pairs.map {
            Self.percentEncoded($0.0, keeping: Self.unreserved) + "="
                + Self.percentEncoded($0.1, keeping: Self.unreserved)
        }
        url.query = ([query].compactMap { $0 }.filter { !$0.isEmpty } + encoded).joined(separator: "&")
        return url
    }

    /// RFC 3986 §2.3 unreserved characters: the only ones a query name or value keeps as they are.
    static let unreserved: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))
    /// RFC 3986 §3.3 `pchar` plus `/`, less `%`.
    static let pathCharacters: Set<UInt8> = unreserved.union(Array("!$&'()*+,;=:@/".utf8))

    /// `text` with every UTF-8 byte outside `keeping` written as `%XX` (upper-case hex, RFC 3986 §2.1).
    static func percentEncoded(_ text: String, keeping allowed: Set<UInt8>) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if allowed.contains(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A small HTTP/1.1 client for REST calls (book snapshots, market lists, one-shot queries): one request per
/// connection (`Connection: close`), identity bodies only, redirects reported and never followed.
public struct HTTPClient: Sendable {
    /// Certificate verification for `https` (the WebSocket's `--cacert` / `--insecure` rules).
    public var tls: TLSOptions
    /// Budget for the TCP connect, the TLS handshake, and then the whole request and response, each.
    public var timeoutMilliseconds: Int32
    /// The User-Agent header.
    public var userAgent: String
    /// The largest body accepted (after chunked decoding).
    public var maxBodyBytes: Int

    /// A client with the given settings.
    public init(tls: TLSOptions, timeoutMilliseconds: Int32 = 10_000, userAgent: String, maxBodyBytes: Int = 64 << 20) {
        self.tls = tls
        self.timeoutMilliseconds = timeoutMilliseconds
        self.userAgent = userAgent
        self.maxBodyBytes = maxBodyBytes
    }

    /// GETs `url`; only a 200 response is returned, anything else throws.
    public func get(_ url: HTTPURL, headers: [(String, String)] = []) throws(HTTPError) -> HTTPResponse {
        let request = try Self.request(method: "GET", url: url, headers: headers, userAgent: userAgent)
        return try perform(request, url: url)
    }

    /// POSTs `body` to `url` (with `Content-Type: contentType` when given); only a 200 response is returned.
    public func post(
        _ url: HTTPURL, headers: [(String, String)] = [], body: [UInt8], contentType: String?
    ) throws(HTTPError) -> HTTPResponse {
        let request = try Self.request(
            method: "POST", url: url, headers: headers, userAgent: userAgent, body: body, contentType: contentType)
        return try perform(request, url: url)
    }

    /// Connects (TCP, then TLS for https), runs the exchange, and closes the connection.
    private func perform(_ request: [UInt8], url: HTTPURL) throws(HTTPError) -> HTTPResponse {
        let stream: any ByteStream
        do {
            stream = try openByteStream(
                host: url.host, port: url.port, secure: url.secure, tls: tls, timeoutMilliseconds: timeoutMilliseconds)
        } catch {
            throw .transport(error)
        }
        defer { stream.close() }
        return try Self.exchange(
            request, over: stream, url: url, timeoutMilliseconds: timeoutMilliseconds, maxBodyBytes: maxBodyBytes)
    }

    /// The exchange over an already connected stream (what get/post use; unit tests drive it with ScriptedStream).
    ///
    /// Writes `request`, reads the response within `timeoutMilliseconds` overall, and maps 3xx to `.redirect`
    /// and any other status but 200 to `.status`. The caller closes the stream.
    public static func exchange(
        _ request: [UInt8], over stream: any ByteStream, url: HTTPURL, timeoutMilliseconds: Int32, maxBodyBytes: Int
    ) throws(HTTPError) -> HTTPResponse {
        let deadline = Platform.monotonicNanoseconds() + Int64(timeoutMilliseconds) * 1_000_000
        func remaining() -> Int32 { Int32(clamping: (deadline - Platform.monotonicNanoseconds()) / 1_000_000) }
        func transport<T>(_ step: () throws(TransportError) -> T) throws(HTTPError) -> T {
            do { return try step() } catch { throw .transport(error) }
        }
        let timeout = HTTPError.transport(.timeout(peer: stream.peerName, step: "reading the HTTP response from"))
        var parser = HTTPResponseParser(url: url, maxBodyBytes: maxBodyBytes)
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        try transport { () throws(TransportError) in try stream.write(request, timeoutMilliseconds: max(1, remaining()))
        }
        while true {
            switch try transport({ () throws(TransportError) in try stream.read(into: &buffer) }) {
            case .some(0):
                return try checked(parser.finish(), url: url)
            case .some(let count):
                if let response = try parser.append(buffer[..<count]) { return try checked(response, url: url) }
                guard remaining() > 0 else { throw timeout }
            case .none:
                let wait = remaining()
                guard wait > 0 else { throw timeout }
                let ready = try transport { () throws(TransportError) in
                    try stream.waitUntilReadable(timeoutMilliseconds: wait)
                }
                if !ready, Platform.pendingStopSignal != nil { throw .interrupted(url: url) }
            }
        }
    }

    /// `response` if it is a 200; otherwise the error it stands for.
    static func checked(_ response: HTTPResponse, url: HTTPURL) throws(HTTPError) -> HTTPResponse {
        switch response.status {
        case 200:
            return response
        case 300...399:
            throw .redirect(url: url, location: response.header("location") ?? "")
        default:
            let message = HTTPErrorBody.message(in: response.body, contentType: response.header("content-type"))
            throw .status(url: url, code: response.status, reason: response.reason, message: message)
        }
    }
}

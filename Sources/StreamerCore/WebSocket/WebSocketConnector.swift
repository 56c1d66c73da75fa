/// Opens a WebSocket: TCP connect, TLS for `wss`, then the HTTP/1.1 upgrade (RFC 6455 §4.1).
public struct WebSocketConnector: Sendable {
    /// Where to connect.
    public var url: WebSocketURL
    /// Certificate verification settings for `wss`.
    public var tls: TLSOptions
    /// The cap on one message (`--max-message-size`).
    public var maxMessageSize: Int
    /// Budget for TCP connect, TLS handshake and the upgrade, each.
    public var stepTimeoutMilliseconds: Int32
    /// The User-Agent header.
    public var userAgent: String

    /// A connector with the given settings.
    public init(
        url: WebSocketURL, tls: TLSOptions, maxMessageSize: Int, stepTimeoutMilliseconds: Int32, userAgent: String
    ) {
        self.url = url
        self.tls = tls
        self.maxMessageSize = maxMessageSize
        self.stepTimeoutMilliseconds = stepTimeoutMilliseconds
        self.userAgent = userAgent
    }

    /// Connects and upgrades, returning a client ready to send and receive.
    public func connect() throws(WebSocketError) -> WebSocketClient {
        let stream: any ByteStream
        do {
            stream = try openByteStream(
                host: url.host, port: url.port, secure: url.secure, tls: tls,
                timeoutMilliseconds: stepTimeoutMilliseconds)
        } catch {
            throw .transport(error)
        }
        let handshake = Handshake.random()
        let leftover = try upgrade(stream, handshake: handshake)
        return WebSocketClient(stream: stream, maxMessageSize: maxMessageSize, leftover: leftover)
    }

    /// Sends the upgrade request and reads the response head; returns the bytes after it.
    private func upgrade(_ stream: any ByteStream, handshake: Handshake) throws(WebSocketError) -> [UInt8] {
        let peer = stream.peerName
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let deadline = Platform.monotonicNanoseconds() + Int64(stepTimeoutMilliseconds) * 1_000_000
        do {
            try stream.write(
                handshake.request(for: url, userAgent: userAgent), timeoutMilliseconds: stepTimeoutMilliseconds)
            while true {
                if let length = Handshake.headLength(in: received) {
                    do {
                        try handshake.validate(responseHead: Array(received[..<length]))
                    } catch {
                        stream.close()
                        throw WebSocketError.handshake(peer: peer, error)
                    }
                    return Array(received[length...])
                }
                guard received.count < Handshake.maxResponseHeadBytes else {
                    throw WebSocketError.handshake(peer: peer, .malformedResponse)
                }
                let count = try stream.read(into: &chunk)
                switch count {
                case .some(0): throw WebSocketError.handshake(peer: peer, .closedDuringHandshake)
                case .some(let count): received.append(contentsOf: chunk[..<count])
                case .none:
                    let remaining = Int32(clamping: (deadline - Platform.monotonicNanoseconds()) / 1_000_000)
                    guard remaining > 0 else {
                        throw TransportError.timeout(peer: peer, step: "WebSocket upgrade with")
                    }
                    _ = try stream.waitUntilReadable(timeoutMilliseconds: remaining)
                }
            }
        } catch let error as WebSocketError {
            throw error
        } catch let error as TransportError {
            throw .transport(error)
        } catch {
            throw .connectionLost(peer: peer)
        }
    }
}

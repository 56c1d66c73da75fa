/// One upgraded client: sends server frames, decodes and logs client messages, answers pings.
final class PeerLink {
    private let connection: any Connection
    private let log: EventLog
    private var decoder = ClientFrameDecoder()
    private var assembler = MessageAssembler()
    private var deferred: [InboundMessage] = []

    /// How many deferred data messages are kept; a client chattering through an endless `loop` must not
    /// grow memory without bound.
    static let maxDeferred = 1024

    /// Wraps `connection`; `leftover` are bytes that arrived behind the HTTP request.
    init(connection: any Connection, log: EventLog, leftover: [UInt8]) {
        self.connection = connection
        self.log = log
        decoder.append(leftover)
    }

    /// Sends one unmasked frame.
    func send(_ opcode: Opcode, _ payload: [UInt8], fin: Bool = true) throws(ConnectionError) {
        try connection.write(FrameEncoder.frame(fin: fin, opcode: opcode, payload: payload))
    }

    /// Sends bytes exactly as given.
    func sendRaw(_ bytes: [UInt8]) throws(ConnectionError) {
        try connection.write(bytes)
    }

    /// Sends a Close frame; no code means an empty payload.
    func sendClose(code: UInt16?, reason: String = "") throws(ConnectionError) {
        try send(.close, FrameEncoder.closePayload(code: code, reason: reason))
    }

    /// Closes the TCP connection (after TLS close_notify).
    func close() {
        connection.close()
    }

    /// Aborts the TCP connection with RST.
    func reset() {
        connection.reset()
    }

    /// Keeps a data message that arrived while waiting for something else (pacing, a pong) for the next
    /// `receive`, so a later `expect-text` still sees it.
    func putBack(_ message: InboundMessage) {
        if deferred.count < Self.maxDeferred { deferred.append(message) }
    }

    /// Waits until `deadline` for the next client message and logs every event.
    ///
    /// Messages put back come first unless `includingDeferred` is false. Pings are answered and logged here
    /// and never returned. A past deadline only looks at what has already arrived.
    func receive(until deadline: ContinuousClock.Instant, includingDeferred: Bool = true) -> LinkEvent {
        if includingDeferred, !deferred.isEmpty { return .message(deferred.removeFirst()) }
        while true {
            do {
                while let frame = try decoder.next() {
                    guard let message = try assembler.accept(frame) else { continue }
                    logReceived(message)
                    if case .text(let text) = message, text == PeerLink.bitstampHeartbeat {
                        // Bitstamp answers its application heartbeat at any time (A.2); it is never a script step.
                        do { try send(.text, Array(PeerLink.bitstampHeartbeatReply.utf8)) } catch {
                            log.write("send-failed \(error)")
                            return .failed(error)
                        }
                        continue
                    }
                    guard case .ping(let payload) = message else { return .message(message) }
                    do {
                        try send(.pong, payload)  // §5.5.2: a pong with the same payload
                    } catch {
                        log.write("send-failed \(error)")
                        return .failed(error)
                    }
                }
            } catch {
                log.write("protocol-error \(error)")
                return .violation(error)
            }
            do {
                switch try connection.read(until: deadline) {
                case .bytes(let bytes):
                    decoder.append(bytes)
                case .endOfStream:
                    log.write("client-eof")
                    return .endOfStream
                case .timedOut:
                    return .timedOut
                }
            } catch {
                log.write("connection-error \(error)")
                return .failed(error)
            }
        }
    }

    /// Bitstamp's application heartbeat as the client sends it.
    static let bitstampHeartbeat = #"{"event":"bts:heartbeat"}"#
    /// Bitstamp's reply to it (exchange-messages.md A.2, captured).
    static let bitstampHeartbeatReply = #"{"event": "bts:heartbeat", "channel": "", "data": {"status": "success"}}"#

    private func logReceived(_ message: InboundMessage) {
        switch message {
        case .text(let text):
            log.write("received text \(EventLog.printable(text))")
        case .binary(let bytes):
            log.write("received binary \(EventLog.hex(bytes))")
        case .ping(let payload):
            log.write(payload.isEmpty ? "received ping" : "received ping \(EventLog.hex(payload))")
        case .pong(let payload):
            let text = EventLog.printable(String(decoding: payload, as: UTF8.self))
            log.write(text.isEmpty ? "received pong" : "received pong \(text)")
        case .close(let code, let reason):
            let codeText = code.map(String.init) ?? "none"
            log.write(
                reason.isEmpty ? "client-close \(codeText)" : "client-close \(codeText) \(EventLog.printable(reason))")
        }
    }
}

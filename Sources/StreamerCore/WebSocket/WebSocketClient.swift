/// A connected RFC 6455 client over any `ByteStream`: performs what `ConnectionStateMachine` decides.
public final class WebSocketClient {
    /// What `next` produced.
    public enum Event: Equatable {
        /// A complete message.
        case message(Message)
        /// Nothing complete arrived within the wait (or a signal interrupted it).
        case idle
        /// The close handshake finished; the server's code and reason.
        case closed(code: CloseCode?, reason: String)
    }

    private let stream: any ByteStream
    // Used by one thread, never re-entrantly: no runtime exclusivity check on every frame (see StreamSession).
    @exclusivity(unchecked) private var parser: FrameParser
    @exclusivity(unchecked) private var machine: ConnectionStateMachine
    /// A delivered message's array handed back (`recycle`), reused for the next frame's payload.
    @exclusivity(unchecked) private var spare: [UInt8] = []
    private let writeTimeoutMilliseconds: Int32 = 10_000
    /// `host:port` of the server.
    public var peerName: String { stream.peerName }
    /// Whether the close handshake has completed or the stream is gone.
    public private(set) var isFinished = false
    /// Monotonic time (ns) bytes last arrived — data, pings or pongs; the idle watchdog reads it.
    @exclusivity(unchecked) public private(set) var lastActivity = Platform.monotonicNanoseconds()
    /// Wall-clock time (ns since the epoch) of that same read: the local receive time of every message its bytes
    /// completed (one clock read per read, not per message).
    @exclusivity(unchecked) public private(set) var lastReceivedAt = Platform.wallClockNanoseconds()

    /// A client over an already upgraded `stream`; `leftover` holds bytes that followed the handshake.
    public init(stream: any ByteStream, maxMessageSize: Int, leftover: [UInt8] = []) {
        self.stream = stream
        self.parser = FrameParser(maxPayload: maxMessageSize)
        self.machine = ConnectionStateMachine(maxMessageSize: maxMessageSize)
        parser.append(leftover)
    }

    /// Hands back the bytes of a message the caller is done with, for the next frame to reuse (no allocation per
    /// message while they stream); an array grown by a large message is let go instead, so one big snapshot does not
    /// pin its capacity for the rest of the connection.
    public func recycle(_ bytes: [UInt8]) {
        spare = bytes.capacity <= Self.recycledCapacityLimit ? bytes : []
    }

    /// The largest message array kept for reuse (exchange messages are far smaller; book snapshots are tens of KiB).
    static let recycledCapacityLimit = 64 << 10

    /// Sends one text message in a single masked frame.
    public func send(text: String) throws(WebSocketError) {
        try write(Frame(opcode: .text, payload: Array(text.utf8)))
    }

    /// Sends one binary message in a single masked frame.
    public func send(binary: [UInt8]) throws(WebSocketError) {
        try write(Frame(opcode: .binary, payload: binary))
    }

    /// Sends `message` in a single masked frame with its own opcode (text bytes are sent as they are).
    public func send(_ message: Message) throws(WebSocketError) {
        try write(Frame(opcode: message.isText ? .text : .binary, payload: message.bytes))
    }

    /// Sends a ping with `payload` (at most 125 bytes).
    public func ping(_ payload: [UInt8]) throws(WebSocketError) {
        try write(Frame(opcode: .ping, payload: Array(payload.prefix(125))))
    }

    private func write(_ frame: Frame) throws(WebSocketError) {
        let bytes = FrameEncoder.encodeClient(frame)
        do {
            try stream.write(bytes, timeoutMilliseconds: writeTimeoutMilliseconds)
        } catch {
            throw .transport(error)
        }
    }

    /// The next complete message, waiting at most `timeoutMilliseconds` once for new bytes.
    public func next(timeoutMilliseconds: Int32) throws(WebSocketError) -> Event {
        var waited = false
        while true {
            if let event = try drainBufferedFrames() { return event }
            let count: Int?
            do {
                count = try parser.fill { (buffer) throws(TransportError) -> Int? in try stream.read(into: buffer) }
            } catch {
                throw .transport(error)
            }
            switch count {
            case .some(0):
                isFinished = true
                stream.close()
                throw .connectionLost(peer: peerName)
            case .some:
                lastActivity = Platform.monotonicNanoseconds()
                lastReceivedAt = Platform.wallClockNanoseconds()
                continue
            case .none:
                if waited { return .idle }
                waited = true
                let readable: Bool
                do { readable = try stream.waitUntilReadable(timeoutMilliseconds: timeoutMilliseconds) } catch {
                    throw .transport(error)
                }
                if !readable { return .idle }
            }
        }
    }

    /// Runs every complete buffered frame through the state machine until one yields an event, then shows it the part
    /// of the next frame received so far.
    private func drainBufferedFrames() throws(WebSocketError) -> Event? {
        while true {
            let action: ConnectionAction
            do {
                guard let frame = try parser.next(reusing: &spare) else {
                    // §8.1 fail fast: check the text of a frame still arriving, not only once it is complete.
                    try parser.withIncompleteFrame { (opcode, payload) throws(FrameError) in
                        try machine.receivedPartial(opcode: opcode, payloadSoFar: payload)
                    }
                    return nil
                }
                action = try machine.received(frame)
            } catch {
                fail(error)
                throw .protocolViolation(peer: peerName, error)
            }
            switch action {
            case .none: continue
            case .deliver(let message): return .message(message)
            case .send(let frame): try write(frame)
            case .peerClosed(let code, let reason, let reply):
                if let reply { try? write(reply) }  // the peer may already be gone; the close is done either way
                isFinished = true
                stream.close()
                return .closed(code: code, reason: reason)
            }
        }
    }

    /// Sends Close with the code matching `error` (1002, 1007, 1009) and drops the connection.
    private func fail(_ error: FrameError) {
        if let frame = machine.closeFrame(error.closeCode, reason: "") { try? write(frame) }  // best effort
        isFinished = true
        stream.close()
    }

    /// Starts the close handshake with `code` and waits up to `timeoutMilliseconds` for the server's Close.
    public func close(_ code: CloseCode = .normal, reason: String = "", timeoutMilliseconds: Int32 = 2_000) {
        guard !isFinished else { return }
        defer {
            isFinished = true
            stream.close()
        }
        guard let frame = machine.closeFrame(code, reason: reason), (try? write(frame)) != nil else { return }
        let deadline = Platform.monotonicNanoseconds() + Int64(timeoutMilliseconds) * 1_000_000
        while !isFinished {
            let remaining = Int32(clamping: (deadline - Platform.monotonicNanoseconds()) / 1_000_000)
            guard remaining > 0 else { return }
            // Messages still in flight are discarded: the caller has decided to stop.
            guard let event = try? next(timeoutMilliseconds: remaining) else { return }
            if case .closed = event { return }
        }
    }
}

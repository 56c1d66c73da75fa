#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A non-blocking TCP socket connected with a timeout, trying each resolved address (IPv4 and IPv6) in turn.
public final class TCPConnection: ByteStream {
    /// The socket descriptor; -1 once closed.
    private(set) var fd: Int32
    public let peerName: String

    private init(fd: Int32, peerName: String) {
        self.fd = fd
        self.peerName = peerName
    }

    deinit { close() }

    /// Resolves `host` and connects to the first address that answers within `timeoutMilliseconds` each.
    public static func connect(host: String, port: Int, timeoutMilliseconds: Int32) throws(TransportError)
        -> TCPConnection
    {
        let peer = "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if os(Linux)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == EAI_SYSTEM ? Platform.describe(errno: errno) : String(cString: gai_strerror(status))
            throw .resolve(host: host, reason: reason)
        }
        defer { freeaddrinfo(first) }
        var lastReason = "no usable address"
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            cursor = entry.pointee.ai_next
            switch attempt(entry.pointee, timeoutMilliseconds: timeoutMilliseconds) {
            case .success(let fd): return TCPConnection(fd: fd, peerName: peer)
            case .failure(let reason): lastReason = reason
            }
        }
        throw .connect(peer: peer, reason: lastReason)
    }

    private enum Attempt { case success(Int32), failure(String) }

    /// One non-blocking connect(2) bounded by poll(2).
    private static func attempt(_ info: addrinfo, timeoutMilliseconds: Int32) -> Attempt {
        let fd = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard fd >= 0 else { return .failure(Platform.describe(errno: errno)) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        if Glibc.connect(fd, info.ai_addr, info.ai_addrlen) == 0 { return .success(fd) }
        guard errno == EINPROGRESS else {
            let reason = Platform.describe(errno: errno)
            _ = Glibc.close(fd)
            return .failure(reason)
        }
        var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&entry, 1, timeoutMilliseconds)
        if ready <= 0 {
            _ = Glibc.close(fd)
            return .failure(ready == 0 ? "timed out after \(timeoutMilliseconds) ms" : Platform.describe(errno: errno))
        }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        if error != 0 {
            _ = Glibc.close(fd)
            return .failure(Platform.describe(errno: error))
        }
        return .success(fd)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int? {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return nil
            case let code: throw .io(peer: peerName, step: "reading from", reason: Platform.describe(errno: code))
            }
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer, timeoutMilliseconds: Int32) throws(TransportError) {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let count = send(fd, base, remaining, Int32(MSG_NOSIGNAL))
            if count >= 0 {
                base += count
                remaining -= count
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                guard try wait(for: Int16(POLLOUT), timeoutMilliseconds: timeoutMilliseconds) else {
                    throw .timeout(peer: peerName, step: "writing to")
                }
            case let code: throw .io(peer: peerName, step: "writing to", reason: Platform.describe(errno: code))
            }
        }
    }

    public func waitUntilReadable(timeoutMilliseconds: Int32) throws(TransportError) -> Bool {
        try wait(for: Int16(POLLIN), timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Polls the socket for `events`; false on timeout or EINTR (so the caller can check for signals).
    func wait(for events: Int16, timeoutMilliseconds: Int32) throws(TransportError) -> Bool {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        let ready = poll(&entry, 1, timeoutMilliseconds)
        if ready < 0 {
            if errno == EINTR { return false }
            throw .io(peer: peerName, step: "waiting on", reason: Platform.describe(errno: errno))
        }
        return ready > 0
    }

    /// Sends a TCP RST instead of FIN on close (tests and fault handling only).
    func abortOnClose() {
        var linger = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
    }

    public func close() {
        guard fd >= 0 else { return }
        _ = Glibc.close(fd)
        fd = -1
    }
}

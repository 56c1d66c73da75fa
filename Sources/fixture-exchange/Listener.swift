#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A TCP socket listening on 127.0.0.1 and nothing else.
struct Listener: Sendable {
    /// The listening descriptor.
    let fd: Int32
    /// The port actually bound (the kernel's pick when asked for 0).
    let port: UInt16

    /// Binds 127.0.0.1:`port` (0 lets the kernel choose) and starts listening.
    init(port: UInt16) throws(SystemCallError) {
        let fd = try syscall("socket") { socket(AF_INET, Platform.streamSocketType, 0) }
        do {
            var one: Int32 = 1
            try syscall("setsockopt(SO_REUSEADDR)") {
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = in_addr_t(INADDR_LOOPBACK).bigEndian  // loopback only, never INADDR_ANY
            try syscall("bind(127.0.0.1:\(port))") {
                withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
            try syscall("listen") { listen(fd, 16) }
            var bound = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            try syscall("getsockname") {
                withUnsafeMutablePointer(to: &bound) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
                }
            }
            self.fd = fd
            self.port = UInt16(bigEndian: bound.sin_port)
        } catch {
            close(fd)
            throw error
        }
    }

    /// Waits for the next client and returns its connected socket.
    func nextClient() throws(SystemCallError) -> Int32 {
        while true {
            do {
                return try syscall("accept") { accept(fd, nil, nil) }
            } catch  where error.code == ECONNABORTED {
                continue  // the client gave up while queued; wait for the next one
            }
        }
    }
}

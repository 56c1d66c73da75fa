#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a figure could not be measured.
enum BenchError: Error, CustomStringConvertible {
    case usage(String)
    case system(String, Int32)
    case spawn(String, Int32)
    case unreadable(String, Int32)
    case failed(String)

    var description: String {
        switch self {
        case .usage(let text): text
        case .system(let call, let code): "\(call): \(String(cString: strerror(code)))"
        case .spawn(let path, let code): "cannot run '\(path)': \(String(cString: strerror(code)))"
        case .unreadable(let path, let code): "cannot read '\(path)': \(String(cString: strerror(code)))"
        case .failed(let text): text
        }
    }
}

/// Whole-file reads with `open(2)`/`read(2)` (no Foundation in the bench).
enum FileBytes {
    /// The bytes of the file at `path`.
    static func contents(of path: String) throws(BenchError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .unreadable(path, errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .unreadable(path, errno) }
            if count == 0 { return bytes }
            bytes += buffer[0..<count]
        }
    }

    /// The non-empty lines of the file at `path`.
    static func lines(of path: String) throws(BenchError) -> [[UInt8]] {
        try contents(of: path).split(separator: 0x0A).map { Array($0) }.filter { !$0.isEmpty && $0 != [0x0D] }
    }

    /// The file's size in bytes, or nil if it cannot be examined.
    static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Whether `path` exists.
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }
}

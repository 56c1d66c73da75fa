#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file that holds secrets, refusing one other users could read or write (as ssh refuses private keys).
enum PrivateFile {
    /// Why a secrets file was refused; the text never includes the file's contents.
    enum Problem: Error, Equatable, CustomStringConvertible {
        case unreadable(String)
        case notRegular
        case tooOpen(mode: UInt32)
        case foreignOwner(uid: UInt32)
        case tooLarge

        var description: String {
            switch self {
            case .unreadable(let reason): reason
            case .notRegular: "not a regular file"
            case .tooOpen(let mode):
                "its mode is \(PrivateFile.octal(mode)), so other users can read it; run 'chmod 600' on it (0600 or stricter)"
            case .foreignOwner(let uid): "it is owned by uid \(uid), not by you"
            case .tooLarge: "larger than 64 KiB; not a credentials file"
            }
        }
    }

    /// The contents of `path` if it is a regular file of the current user with mode 0600 or stricter.
    ///
    /// The checks use the open descriptor (`fstat`), so the file cannot be swapped between check and read.
    static func read(_ path: String) -> Result<[UInt8], Problem> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            let code = errno
            return .failure(.unreadable(code == ELOOP ? "is a symbolic link" : Platform.describe(errno: code)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(Platform.describe(errno: errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular) }
        guard info.st_mode & 0o077 == 0 else { return .failure(.tooOpen(mode: UInt32(info.st_mode & 0o7777))) }
        guard info.st_uid == getuid() else { return .failure(.foreignOwner(uid: UInt32(info.st_uid))) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return .failure(.unreadable(Platform.describe(errno: errno))) }
            if count == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > 64 << 10 { return .failure(.tooLarge) }
        }
    }

    /// `mode` as four octal digits (`0644`).
    static func octal(_ mode: UInt32) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension Platform {
    /// Stops the kernel writing core files from here on: a core dump would hold the API secrets in memory.
    static func disableCoreDumps() {
        var limit = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
    }
}

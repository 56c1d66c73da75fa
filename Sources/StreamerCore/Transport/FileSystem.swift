#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small file operations for caches: whole-file reads, atomic writes, ages.
///
/// Errors are reported as text because callers only ever warn and carry on.
enum FileSystem {
    /// The contents of `path`, or nil if it cannot be read.
    static func read(_ path: String, limit: Int = 64 << 20) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > limit { return nil }
        }
    }

    /// Seconds since `path` was last modified, or nil if it does not exist.
    static func age(_ path: String, now: Int64) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if os(Linux)
            return now - Int64(info.st_mtim.tv_sec)
        #else
            return now - Int64(info.st_mtimespec.tv_sec)
        #endif
    }

    /// Writes `bytes` to a temporary file beside `path` and renames it over `path`, creating parent directories.
    ///
    /// Returns the reason on failure.
    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) -> String? {
        if let reason = makeDirectories(parentOf: path) { return reason }
        let temporary = "\(path).tmp.\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { return Platform.describe(errno: errno) }
        var failure: String?
        bytes.withUnsafeBytes { raw in
            do throws(SystemCallError) { try Platform.writeAll(fd, raw) } catch { failure = error.description }
        }
        if failure == nil && fsync(fd) != 0 { failure = Platform.describe(errno: errno) }
        close(fd)
        if failure == nil && rename(temporary, path) != 0 { failure = Platform.describe(errno: errno) }
        if failure != nil { unlink(temporary) }
        return failure
    }

    /// `mkdir -p` of the directory holding `path` (mode 0700: caches are per user).
    private static func makeDirectories(parentOf path: String) -> String? {
        let bytes = Array(path.utf8)
        for index in bytes.indices where bytes[index] == UInt8(ascii: "/") && index > 0 {
            let directory = String(decoding: bytes[..<index], as: UTF8.self)
            if mkdir(directory, 0o700) != 0 && errno != EEXIST {
                return "cannot create '\(directory)': \(Platform.describe(errno: errno))"
            }
        }
        return nil
    }

    /// Opens `path` for appending (created 0644); the descriptor and the file's current size, or the reason.
    static func openForAppend(_ path: String) -> Result<(fd: Int32, size: Int), FileError> {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return .failure(FileError(reason: Platform.describe(errno: errno))) }
        var info = stat()
        if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            return .failure(FileError(reason: "is a directory"))
        }
        return .success((fd, Int(info.st_size)))
    }

    /// Whether `path` names an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// fsyncs and closes `fd`; the reason when the data may not be on disk (pipes and devices cannot be synced).
    static func syncAndClose(_ fd: Int32) -> FileError? {
        var failure: FileError?
        if fsync(fd) != 0 && errno != EINVAL { failure = FileError(reason: Platform.describe(errno: errno)) }
        close(fd)
        return failure
    }
}

/// Why a file operation failed, in libc's words.
struct FileError: Error, Equatable {
    /// strerror's text.
    let reason: String
}

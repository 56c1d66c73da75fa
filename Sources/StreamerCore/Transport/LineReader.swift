#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file one LF-terminated line at a time, in 64 KiB chunks.
///
/// A recording of any size replays in constant memory (apart from its longest line). The last line may lack its LF.
final class LineReader {
    private var fd: Int32
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var start = 0
    /// How far past `start` is known to hold no LF.
    private var scanned = 0
    private var atEnd = false
    private var chunk: [UInt8]

    /// Opens `path` for reading.
    init(path: String, chunkBytes: Int = 64 << 10) throws(SystemCallError) {
        fd = try syscall("open") { open(path, O_RDONLY | O_CLOEXEC) }
        chunk = [UInt8](repeating: 0, count: chunkBytes)
    }

    deinit {
        if fd >= 0 { _ = close(fd) }
    }

    /// The next line without its LF, or nil at the end of the file.
    func next() throws(SystemCallError) -> [UInt8]? {
        while true {
            if let newline = buffer[(start + scanned)...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                scanned = 0
                return line
            }
            scanned = buffer.count - start
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                scanned = 0
                return line
            }
            try fill()
        }
    }

    /// Drops consumed bytes and reads one more chunk (setting `atEnd` at EOF).
    private func fill() throws(SystemCallError) {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let descriptor = fd
        var outcome: Result<Int, SystemCallError> = .success(0)
        chunk.withUnsafeMutableBytes { raw in
            do throws(SystemCallError) {
                outcome = .success(try syscall("read") { read(descriptor, raw.baseAddress, raw.count) })
            } catch {
                outcome = .failure(error)
            }
        }
        let count = try outcome.get()
        if count == 0 {
            atEnd = true
            _ = close(fd)
            fd = -1
        } else {
            buffer.append(contentsOf: chunk[..<count])
        }
    }
}

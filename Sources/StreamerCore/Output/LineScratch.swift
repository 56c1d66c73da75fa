/// The reusable buffer a renderer builds each line in: 4 KiB to start, doubled and the line written again whenever
/// it does not fit, then appended whole to the output.
struct LineScratch {
    private var buffer: [UInt8] = []

    /// Lets `write` fill a `LineWriter` over the buffer until the line fits, then appends the line to `out`.
    @inline(__always)
    mutating func appendLine(to out: inout [UInt8], _ write: (inout LineWriter) -> Void) {
        if buffer.isEmpty { buffer = [UInt8](repeating: 0, count: 4096) }
        while true {
            let done = buffer.withUnsafeMutableBytes { raw in
                var line = LineWriter(raw)
                write(&line)
                guard !line.overflowed else { return false }
                out.append(contentsOf: line.written)
                return true
            }
            if done { return }
            buffer = [UInt8](repeating: 0, count: buffer.count * 2)
        }
    }
}

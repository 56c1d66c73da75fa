/// Where printed events go: stdout, or files named by an `-o` pattern.
///
/// Each file gets its own renderer (so a new CSV file gets its header), files are appended to, created 0644, rotated
/// when the pattern's time fields change, and fsync'ed on rotation and on close.
public final class OutputRouter {
    /// Makes a renderer for a new destination; `headerWritten` is true when appending to a non-empty file.
    public typealias RendererFactory = (_ headerWritten: Bool) -> any EventRenderer

    private let pattern: PathPattern?
    private let makeRenderer: RendererFactory
    private let stdoutSink: OutputSink?
    /// Used by one thread, never re-entrantly: no runtime exclusivity check on every line (see StreamSession).
    @exclusivity(unchecked) private var stdoutRenderer: (any EventRenderer)?
    private var files: [String: OpenFile] = [:]  // by event type ("" when the pattern has no {type})
    /// Bytes written by files already closed (rotated away).
    private var closedBytes = 0
    /// Bytes written so far, to every destination.
    public var bytesWritten: Int {
        (stdoutSink?.bytesWritten ?? 0) + closedBytes + files.values.reduce(0) { $0 + $1.sink.bytesWritten }
    }

    private struct OpenFile {
        let path: String
        let fd: Int32
        let sink: OutputSink
        var renderer: any EventRenderer
        /// The second (epoch) the path was last computed for, so paths are expanded once a second at most.
        var second: Int64
    }

    /// A router to stdout (`output` nil) or to files named by `output`.
    public init(output: String?, makeRenderer: @escaping RendererFactory) {
        self.pattern = output.map(PathPattern.init)
        self.makeRenderer = makeRenderer
        if output == nil {
            stdoutSink = OutputSink()
            stdoutRenderer = makeRenderer(false)
        } else {
            stdoutSink = nil
        }
    }

    /// Refuses a path that names a directory, before anything connects (the `-o` value is user input).
    public static func check(output: String) -> String? {
        let pattern = PathPattern(output)
        guard !pattern.rotates && !pattern.splitsTypes else { return nil }
        return FileSystem.isDirectory(output) ? "'\(output)' is a directory" : nil
    }

    /// Renders `event` to its destination.
    public func write(_ event: MarketEvent) throws(OutputError) {
        if let stdoutSink {
            try stdoutSink.append { stdoutRenderer?.render(event, into: &$0) }
            return
        }
        let key = pattern?.splitsTypes == true ? event.typeName : ""
        let second = event.header.recv.value(in: .seconds)
        if var file = files[key], file.second == second || !(pattern?.rotates ?? false) {
            file.second = second
            try file.sink.append { file.renderer.render(event, into: &$0) }
            files[key] = file
            return
        }
        guard let pattern else { return }
        let path = pattern.expand(at: event.header.recv, type: event.typeName)
        if var file = files[key], file.path == path {
            file.second = second
            try file.sink.append { file.renderer.render(event, into: &$0) }
            files[key] = file
            return
        }
        if let old = files.removeValue(forKey: key) { try close(old) }  // rotation
        var file = try open(path, second: second)
        try file.sink.append { file.renderer.render(event, into: &$0) }
        files[key] = file
    }

    /// Writes everything pending.
    public func flush() throws(OutputError) {
        try stdoutSink?.flush()
        for file in files.values { try file.sink.flush() }
    }

    /// Flushes, fsyncs and closes every file (the end of a run).
    public func close() throws(OutputError) {
        if let stdoutSink { try stdoutSink.append { stdoutRenderer?.finish(into: &$0) } }
        try flush()
        for (key, file) in files {
            files[key] = nil
            try close(file)
        }
    }

    private func open(_ path: String, second: Int64) throws(OutputError) -> OpenFile {
        switch FileSystem.openForAppend(path) {
        case .failure(let error): throw .writeFailed(destination: "'\(path)'", reason: error.reason)
        case .success(let (fd, size)):
            let sink = OutputSink(fd: fd, destination: "'\(path)'")
            return OpenFile(path: path, fd: fd, sink: sink, renderer: makeRenderer(size > 0), second: second)
        }
    }

    private func close(_ file: OpenFile) throws(OutputError) {
        try file.sink.flush()
        closedBytes += file.sink.bytesWritten
        if let error = FileSystem.syncAndClose(file.fd) {
            throw .writeFailed(destination: "'\(file.path)'", reason: error.reason)
        }
    }
}

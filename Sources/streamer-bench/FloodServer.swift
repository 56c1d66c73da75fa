#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `fixture-exchange --flood` process started for some figures and stopped after them.
final class FloodServer {
    let process: ChildProcess
    /// `ws://127.0.0.1:PORT` or `wss://...`.
    let url: String
    /// The listening port.
    let port: Int
    /// How it was started (for the report), relative to the repository root.
    let command: String

    /// Starts the server pinned to `cpu` and waits for its `listening` line.
    init(
        bench: BenchOptions, floodFile: String, count: Int, tls: Bool, routes: String? = nil, cpu: Int?
    ) throws(BenchError) {
        var arguments = [bench.binary("fixture-exchange"), "--flood", floodFile, "--flood-count", String(count)]
        if tls { arguments += ["--tls", "--cert", "Fixtures/tls/server.pem", "--key", "Fixtures/tls/server.key"] }
        if let routes { arguments += ["--routes", routes] }
        process = try ChildProcess.spawn(arguments, stdout: .pipe, cpu: cpu)
        command = ([bench.display(arguments[0])] + arguments.dropFirst()).joined(separator: " ")
        guard let line = process.readLine(), line.hasPrefix("listening ") else {
            process.terminate()
            throw .failed("\(command) did not start listening")
        }
        url = String(line.dropFirst("listening ".count))
        guard let colon = url.lastIndex(of: ":"), let port = Int(url[url.index(after: colon)...]) else {
            process.terminate()
            throw .failed("\(command) printed '\(line)'")
        }
        self.port = port
    }

    /// Stops the server and drains its log.
    func stop() {
        process.terminate()
        close(process.readFD)
    }
}

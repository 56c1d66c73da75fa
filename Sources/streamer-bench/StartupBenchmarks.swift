#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `streamer --help` start-up time and the release binary's size, stripped and not.
struct StartupBenchmarks {
    let options: BenchOptions

    /// Prints the start-up and size figures.
    func run() {
        let streamer = options.binary("streamer")
        do {
            var seconds: [Double] = []
            for _ in 0..<options.spawns {
                let exit = try ChildProcess.spawn([streamer, "--help"]).wait()
                guard exit.status == 0 else { throw BenchError.failed("streamer --help exited \(exit.status)") }
                seconds.append(exit.seconds)
            }
            Report.figure(
                "startup.help", Format.fixed(seconds.median * 1000, 2), "ms",
                "\(options.display(streamer)) --help > /dev/null, median of \(options.spawns) spawns "
                    + "(min \(Format.fixed((seconds.min() ?? 0) * 1000, 2)) ms, wall from posix_spawn to wait4)")
        } catch {
            Report.skipped("startup.help", "failed: \(error)")
        }
        guard let size = FileBytes.size(streamer) else {
            Report.skipped("size.streamer", "no \(streamer)")
            return
        }
        Report.figure("size.streamer", Format.grouped(size), "bytes", "\(options.display(streamer)) as built (release)")
        let stripped = "/tmp/streamer-bench-\(getpid()).stripped"
        defer { unlink(stripped) }
        guard let strip = StartupBenchmarks.which("strip") else {
            Report.skipped("size.streamer.stripped", "no 'strip' on PATH (binutils)")
            return
        }
        do {
            let exit = try ChildProcess.spawn([strip, "-o", stripped, streamer]).wait()
            guard exit.status == 0, let strippedSize = FileBytes.size(stripped) else {
                throw BenchError.failed("strip exited \(exit.status)")
            }
            Report.figure(
                "size.streamer.stripped", Format.grouped(strippedSize), "bytes",
                "strip -o /tmp/... \(options.display(streamer)) (links libswiftCore, libssl and libcrypto dynamically)")
        } catch {
            Report.skipped("size.streamer.stripped", "failed: \(error)")
        }
    }

    /// The first executable `name` on PATH.
    static func which(_ name: String) -> String? {
        guard let path = getenv("PATH").map({ String(cString: $0) }) else { return nil }
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the figures were measured on.
enum Machine {
    /// Online processors (`nproc`).
    static var processors: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// The first `model name` of /proc/cpuinfo.
    static var cpuModel: String {
        guard let lines = try? FileBytes.lines(of: "/proc/cpuinfo") else { return "unknown CPU" }  // try?: not Linux
        for line in lines {
            let text = String(decoding: line, as: UTF8.self)
            if text.hasPrefix("model name"), let colon = text.firstIndex(of: ":") {
                return String(text[text.index(after: colon)...].drop { $0 == " " })
            }
        }
        return "unknown CPU"
    }

    /// `uname -sr`.
    static var kernel: String {
        var name = utsname()
        uname(&name)
        let system = withUnsafeBytes(of: name.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let release = withUnsafeBytes(of: name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return system + " " + release
    }

    /// How busy the CPUs are with other work: the non-idle share of all CPU time over the next `seconds`
    /// (`/proc/stat`), while the bench itself sleeps; nil when unknown.
    static func busyShare(over seconds: Double) -> Double? {
        guard let before = cpuTimes() else { return nil }
        var pause = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var left = timespec()
        while nanosleep(&pause, &left) != 0 && errno == EINTR { pause = left }
        guard let after = cpuTimes(), after.total > before.total else { return nil }
        return 1 - Double(after.idle - before.idle) / Double(after.total - before.total)
    }

    /// Idle (idle + iowait) and total jiffies of the `cpu` line of /proc/stat.
    private static func cpuTimes() -> (idle: Int, total: Int)? {
        // try?: no /proc/stat off Linux; the figure is then left out.
        guard let lines = try? FileBytes.lines(of: "/proc/stat"), let first = lines.first else { return nil }
        let fields = String(decoding: first, as: UTF8.self).split(separator: " ").dropFirst().compactMap { Int($0) }
        guard fields.count >= 5 else { return nil }
        return (fields[3] + fields[4], fields.reduce(0, +))
    }
}

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

    /// The 1-minute load average (`/proc/loadavg`); other work on the machine makes every figure noisy.
    static var loadAverage: Double? {
        guard let bytes = try? FileBytes.contents(of: "/proc/loadavg") else { return nil }  // try?: not Linux
        return Double(String(decoding: bytes.prefix { $0 != 0x20 }, as: UTF8.self))
    }
}

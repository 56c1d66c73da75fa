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

    /// This process's peak RSS so far (`VmHWM`), KiB: a child spawned now reports at least this much
    /// `ru_maxrss`, because exec records the high-water mark of the memory it replaces.
    static var ownPeakRSSKiB: Int {
        guard let lines = try? FileBytes.lines(of: "/proc/self/status") else { return 0 }  // try?: not Linux
        for line in lines {
            let text = String(decoding: line, as: UTF8.self)
            if text.hasPrefix("VmHWM:") {
                return Int(text.dropFirst(6).filter { $0.isNumber }) ?? 0
            }
        }
        return 0
    }
}

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `streamer-bench`: the figures of `make bench` (DESIGN.md §6, issue 7).
enum BenchCommand {
    /// Parses the command line and prints the figures of the chosen sections.
    static func main() {
        let options: BenchOptions
        do {
            options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            Report.note("\(error) (see 'streamer-bench --help')")
            exit(64)
        }
        signal(SIGPIPE, SIG_IGN)
        Report.line(
            "# machine: \(Machine.processors) CPUs (nproc), \(Machine.cpuModel), \(Machine.kernel); "
                + "binaries: \(options.display(options.binDirectory))")
        reportLoad("before")
        let checksum = Checksum()
        let started = Clock.now()
        for section in options.sections {
            switch section {
            case "e2e": EndToEndBenchmarks(options: options).run()
            case "startup": StartupBenchmarks(options: options).run()
            default: MicroBenchmarks(options: options, checksum: checksum).run()
            }
        }
        reportLoad("after")
        Report.line(
            "# done in \(Format.fixed(Clock.seconds(from: started, to: Clock.now()), 1)) s (checksum \(checksum.value))"
        )
    }

    /// Prints how busy the CPUs were with other work just now, warning when that makes the figures noisy.
    private static func reportLoad(_ when: String) {
        guard let busy = Machine.busyShare(over: 1) else { return }
        let warning = busy > 0.1 ? " -- other work is running: figures are noisy; rerun on a quiet machine" : ""
        Report.line("# CPU busy with other work \(when): \(Format.fixed(busy * 100, 0))% (1 s, /proc/stat)\(warning)")
    }
}

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The monotonic clock every figure is timed with (`CLOCK_MONOTONIC`: never steps, unlike the wall clock).
enum Clock {
    /// Nanoseconds since an arbitrary fixed point.
    static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// Seconds between two `now()` readings.
    static func seconds(from start: Int64, to end: Int64) -> Double {
        Double(end - start) / 1e9
    }
}

/// Where results go so the optimizer cannot drop the work that produced them; printed at the end.
final class Checksum {
    private(set) var value = 0

    /// Folds `number` in.
    @inline(never)
    func add(_ number: Int) {
        value = value &* 31 &+ number
    }
}

extension Array where Element == Double {
    /// The middle value (the mean of the two middle values for an even count); 0 when empty.
    var median: Double {
        guard !isEmpty else { return 0 }
        let sorted = self.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// Runs a body repeatedly: sized once so one run takes about `targetSeconds`, then `runs` timed runs.
final class Harness {
    /// Timed runs per figure (the median is reported).
    let runs: Int
    /// About how long one timed run should take.
    let targetSeconds: Double
    /// The lowest and highest per-run value behind the last median (rate or seconds per unit).
    private(set) var lastRange: (low: Double, high: Double) = (0, 0)

    /// A harness doing `runs` timed runs of about `targetSeconds` each.
    init(runs: Int, targetSeconds: Double) {
        self.runs = runs
        self.targetSeconds = targetSeconds
    }

    /// One timed run: seconds taken and work units done.
    struct Sample {
        let seconds: Double
        let units: Int
    }

    /// Calibrates the iteration count for `body` (which does `iterations` rounds and returns the units done),
    /// then returns `runs` samples.
    func samples(_ body: (_ iterations: Int) throws -> Int) rethrows -> [Sample] {
        var iterations = 1
        while true {  // calibration: also the warm-up
            let start = Clock.now()
            _ = try body(iterations)
            let seconds = Clock.seconds(from: start, to: Clock.now())
            if seconds >= targetSeconds / 2 || iterations >= 1 << 30 {
                if seconds > 0 { iterations = max(1, Int(Double(iterations) * targetSeconds / seconds)) }
                break
            }
            iterations *= seconds < targetSeconds / 64 ? 8 : 2
        }
        var result: [Sample] = []
        for _ in 0..<runs {
            let start = Clock.now()
            let units = try body(iterations)
            result.append(Sample(seconds: Clock.seconds(from: start, to: Clock.now()), units: units))
        }
        return result
    }

    /// The median rate (units per second) of `body`.
    func medianRate(_ body: (_ iterations: Int) throws -> Int) rethrows -> Double {
        record(try samples(body).map { Double($0.units) / $0.seconds })
    }

    /// The median time per unit of `body`, in seconds.
    func medianSecondsPerUnit(_ body: (_ iterations: Int) throws -> Int) rethrows -> Double {
        record(try samples(body).map { $0.seconds / Double(max(1, $0.units)) })
    }

    /// ` [runs LOW–HIGH]` for the last median, each value shown with `format`.
    func spread(_ format: (Double) -> String) -> String {
        " [runs \(format(lastRange.low))–\(format(lastRange.high))]"
    }

    private func record(_ values: [Double]) -> Double {
        lastRange = (values.min() ?? 0, values.max() ?? 0)
        return values.median
    }
}

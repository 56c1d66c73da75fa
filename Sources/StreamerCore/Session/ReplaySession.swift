/// Plays a recording through a `ReplayEngine` into an `OutputRouter`, exactly as the live session printed it.
///
/// Entries are paced by their receive times (`--speed`). Ends at the end of the recording, at `--count`, or on
/// SIGINT/SIGTERM (after printing held books and open candles, like a live run).
public final class ReplaySession {
    /// How a replay ended without an error.
    public enum Outcome: Equatable, Sendable {
        /// Every entry was played.
        case finished
        /// `--count` events were printed.
        case countReached
        /// SIGINT or SIGTERM arrived.
        case signal(Int32)
    }

    private let reader: ReplayReader
    private var engine: ReplayEngine
    private let output: OutputRouter
    private let diagnostics: any Diagnostics
    private let speed: ReplaySpeed
    private let count: Int?
    private let gapsOnStdout: Bool
    private var emitted = 0
    private var printable: [MarketEvent] = []
    private var notes: [PipelineAction] = []

    /// A replay of `reader`'s entries at `speed` into `output`; gap records go to stdout only when `gapsOnStdout`.
    public init(
        reader: ReplayReader, output: OutputRouter, diagnostics: any Diagnostics, speed: ReplaySpeed, count: Int?,
        gapsOnStdout: Bool
    ) {
        self.reader = reader
        self.engine = ReplayEngine(header: reader.header)
        self.output = output
        self.diagnostics = diagnostics
        self.speed = speed
        self.count = count
        self.gapsOnStdout = gapsOnStdout
    }

    /// Plays every entry; throws `RecordingError` for a malformed line, `OutputError` when output fails, and the
    /// exchange error that ended the recorded run, if one did.
    public func run() throws -> Outcome {
        let startedAt = Platform.monotonicNanoseconds()
        var firstRecv: Int64?
        while let entry = try reader.next() {
            let recv = entry.recv.value(in: .nanoseconds)
            if case .factor(let factor) = speed {
                let offset = (recv - (firstRecv ?? recv)) / Int64(max(factor, 1))
                if let signal = try wait(until: startedAt + offset) { return try finish(.signal(signal)) }
            }
            if firstRecv == nil { firstRecv = recv }
            if let signal = Platform.pendingStopSignal { return try finish(.signal(signal)) }
            try engine.feed(entry, into: &printable, notes: &notes)
            if try emitPrintable() { return .countReached }
            report()  // after the events, as the live session performs the pipeline's actions after printing
        }
        return try finish(.finished)
    }

    /// Sleeps until monotonic `deadline`, flushing first so readers see what is printed while the recording is quiet;
    /// returns the stop signal if one arrives meanwhile.
    private func wait(until deadline: Int64) throws -> Int32? {
        var now = Platform.monotonicNanoseconds()
        guard now < deadline else { return nil }
        try output.flush()
        while now < deadline {
            if let signal = Platform.pendingStopSignal { return signal }
            Platform.pause(milliseconds: Int32(clamping: min(250, (deadline - now) / 1_000_000 + 1)))
            now = Platform.monotonicNanoseconds()
        }
        return nil
    }

    /// The end of the replay: held books and open candles are printed, then everything pending is written.
    private func finish(_ outcome: Outcome) throws -> Outcome {
        engine.finish(into: &printable)
        _ = try emitPrintable()
        try output.flush()
        return outcome
    }

    /// Writes what the engine produced; true when `--count` is reached.
    ///
    /// Gaps go to stderr unless printed as data (JSON lines).
    private func emitPrintable() throws -> Bool {
        defer { printable.removeAll(keepingCapacity: true) }
        for event in printable {
            if case .gap(let gap) = event, !gapsOnStdout {
                let since = gap.since.map { " since \($0.iso8601)" } ?? ""
                diagnostics.warning("gap in \(gap.header.market) (\(gap.reason.rawValue))\(since): data may be missing")
                continue
            }
            try output.write(event)
            emitted += 1
            if let count, emitted >= count {
                try output.flush()
                return true
            }
        }
        return false
    }

    private func report() {
        for note in notes {
            switch note {
            case .warning(let text): diagnostics.warning(text)
            case .note(let text): diagnostics.note(text)
            case .requestSnapshot: break  // the engine keeps these
            }
        }
        notes.removeAll(keepingCapacity: true)
    }
}

extension Streamer {
    /// `streamer replay FILE`: re-runs a recording offline through the same adapter, pipeline and renderers, with the
    /// recorded receive times, so the output matches the live run's byte for byte.
    static func replay(_ request: ReplayRequest) throws -> ExitStatus {
        let diagnostics = StandardError(verbose: request.verbose, quiet: request.quiet)
        let reader = try ReplayReader(path: request.path)
        let header = reader.header
        var channels: [Channel] = []
        var markets: [Market] = []
        for subscription in header.subscriptions {
            if !channels.contains(subscription.channel) { channels.append(subscription.channel) }
            if !markets.contains(subscription.market) { markets.append(subscription.market) }
        }
        let format = request.format ?? defaultFormat(output: request.output)
        try checkReplayOptions(request, format: format, channels: channels)
        // As `stream` chooses them for the same options.
        let bookChannels = channels.filter { [.book, .bookTop100, .bookL3].contains($0) }
        let levelColumns = header.depth ?? (bookChannels.contains(.book) || bookChannels.isEmpty ? 10 : 100)
        let output = makeOutput(
            format: format, output: request.output, render: request.render, levelColumns: levelColumns,
            markets: markets, color: request.color)
        diagnostics.note(
            "replaying \(header.exchange.name) \(channels.map(\.name).joined(separator: ",")) "
                + "\(markets.map(\.symbol).joined(separator: " ")) recorded from \(header.endpoint ?? "an unknown endpoint")"
        )
        Platform.installStopHandlers()
        let session = ReplaySession(
            reader: reader, output: output, diagnostics: diagnostics, speed: request.speed, count: request.count,
            gapsOnStdout: format == .jsonl)
        let outcome: ReplaySession.Outcome
        do {
            outcome = try session.run()
        } catch {
            try? output.close()  // keep and sync what was written; the first error is the one to report
            throw error
        }
        try output.close()
        switch outcome {
        case .finished, .countReached: return .success
        case .signal(let signal): return Platform.isInterrupt(signal) ? .interrupted : .terminated
        }
    }

    /// The checks the parser makes for a stream but cannot make for a replay before reading its header: one event
    /// type per CSV file, `--fields` known for the recorded channels, `-o` not a directory.
    private static func checkReplayOptions(_ request: ReplayRequest, format: OutputFormat, channels: [Channel])
        throws(UsageError)
    {
        let kinds = Array(Set(channels.flatMap(\.printedKinds))).sorted { $0.rawValue < $1.rawValue }
        if format == .csv && kinds.count > 1 && !(request.output?.contains("{type}") ?? false) {
            throw .csvNeedsOneType(channels.map(\.name))
        }
        if let fields = request.render.fields, let first = FieldNames.unknown(fields, for: kinds + [.gap]).first {
            var valid: [String] = []
            for name in kinds.flatMap(FieldNames.of) where !valid.contains(name) { valid.append(name) }
            throw .unknownField(first, valid: valid)
        }
        if let output = request.output, let problem = OutputRouter.check(output: output) {
            throw .invalidValue(option: "--output", value: output, expected: "a file (\(problem))")
        }
    }
}

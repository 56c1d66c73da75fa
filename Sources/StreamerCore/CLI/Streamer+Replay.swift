extension Streamer {
    /// `streamer replay FILE`: re-runs a recording offline through the same decoding and output.
    static func replay(_ request: ReplayRequest) throws -> ExitStatus {
        throw UsageError.replayUnavailable(request.path)
    }
}

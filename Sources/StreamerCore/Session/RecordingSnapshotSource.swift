/// Bitstamp's REST book snapshots with each body (or failure) written to the recording before it is decoded, so a
/// replay decodes the same bytes at the same receive time.
struct RecordingSnapshotSource: BookSnapshotSource {
    /// Where snapshots come from.
    let source: BitstampSnapshotSource
    /// Where they are recorded.
    let recorder: Recorder

    /// `source` recording into `recorder` when both exist and the source is Bitstamp's REST; `source` otherwise.
    static func wrapping(_ source: (any BookSnapshotSource)?, recorder: Recorder?) -> (any BookSnapshotSource)? {
        guard let recorder, let bitstamp = source as? BitstampSnapshotSource else { return source }
        return RecordingSnapshotSource(source: bitstamp, recorder: recorder)
    }

    func snapshot(of market: Market, now: Timestamp) throws -> BookUpdate {
        // The same request as `BitstampSnapshotSource.snapshot`, which does not expose the body.
        let url = source.base.appending(
            path: Bitstamp.restOrderBookPath(market), query: [("group", "1"), ("_", String(now.microseconds / 1_000))])
        let body: [UInt8]
        do {
            body = try source.client.get(url).body
        } catch {
            recorder.snapshotFailed(of: market, reason: "\(error)", at: now)
            throw error
        }
        recorder.snapshot(of: market, body: body, at: now)
        return try Bitstamp.decodeBookSnapshot(body, market: market, receivedAt: now)
    }
}

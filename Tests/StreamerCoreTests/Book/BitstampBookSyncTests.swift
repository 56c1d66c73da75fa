import Testing

@testable import StreamerCore

/// Bitstamp `diff_order_book_X` + REST snapshot alignment by `microtimestamp` (exchange-messages.md A.5).
@Suite struct BitstampBookSyncTests {
    /// The CF-HTTP snapshot's `microtimestamp`: second 1641343695, microsecond 572693.
    static let snapshotTime: Int64 = 1_641_343_695_572_693

    /// The CF-HTTP snapshot (A.5), trimmed.
    static func snapshotLevels() throws -> (bids: [BookLevel], asks: [BookLevel]) {
        (
            try BookSamples.levels([
                ("0.14695", "4567.41344936"), ("0.14676", "1498.00684013"), ("0.14656", "626.87636462"),
            ]),
            try BookSamples.levels([("0.14844", "4617.85577487"), ("0.14845", "766.98374892")])
        )
    }

    /// Feeds a diff given as text pairs.
    private func diff(
        _ sync: inout BitstampBookSync, _ time: Int64, bids: [(String, String)] = [], asks: [(String, String)] = []
    ) throws -> BitstampBookSync.Action {
        sync.diff(microtimestamp: time, bids: try BookSamples.levels(bids), asks: try BookSamples.levels(asks))
    }

    /// Feeds a snapshot given as text pairs.
    private func snapshot(
        _ sync: inout BitstampBookSync, _ time: Int64, bids: [(String, String)] = [], asks: [(String, String)] = []
    ) throws -> BitstampBookSync.Action {
        sync.snapshot(microtimestamp: time, bids: try BookSamples.levels(bids), asks: try BookSamples.levels(asks))
    }

    @Test func alignsBySnapshotMicrosecondsNotWholeSeconds() throws {
        var sync = BitstampBookSync()
        // The previous second: already in the snapshot.
        #expect(try diff(&sync, 1_641_343_694_900_000, bids: [("0.14690", "5")]) == .requestSnapshot)
        // The snapshot's own second, earlier microsecond: already in the snapshot, must not be re-applied.
        #expect(try diff(&sync, 1_641_343_695_100_000, asks: [("0.14844", "1.0")]) == .none)
        // Exactly the snapshot's microtimestamp: already in the snapshot.
        #expect(try diff(&sync, Self.snapshotTime, bids: [("0.14695", "0")]) == .none)
        // The snapshot's own second, later microsecond: newer, must be applied.
        #expect(
            try diff(&sync, 1_641_343_695_800_000, bids: [("0.14676", "1500.00000000")], asks: [("0.14845", "0")])
                == .none)
        // The next second.
        #expect(try diff(&sync, 1_641_343_696_000_100, bids: [("0.14700", "2")], asks: [("0.14850", "3.5")]) == .none)
        #expect(sync.bufferedDiffCount == 5)

        let levels = try Self.snapshotLevels()
        #expect(sync.snapshot(microtimestamp: Self.snapshotTime, bids: levels.bids, asks: levels.asks) == .bookReady)
        #expect(sync.phase == .live)
        #expect(sync.seq == 1_641_343_696_000_100)
        #expect(sync.bufferedDiffCount == 0)
        let top = sync.book.top(100)
        #expect(
            BookSamples.texts(top.bids) == [
                ["0.14700", "2"], ["0.14695", "4567.41344936"], ["0.14676", "1500.00000000"],
                ["0.14656", "626.87636462"],
            ])
        #expect(BookSamples.texts(top.asks) == [["0.14844", "4617.85577487"], ["0.14850", "3.5"]])
    }

    @Test func dropsLiveDiffsAtOrBeforeTheLastAppliedMicrotimestamp() throws {
        var sync = BitstampBookSync()
        _ = try diff(&sync, 1_000_000_000_000_100, bids: [("1", "1")])
        let levels = try Self.snapshotLevels()
        #expect(
            sync.snapshot(microtimestamp: 1_000_000_000_000_200, bids: levels.bids, asks: levels.asks) == .bookReady)
        let before = sync.book
        #expect(try diff(&sync, 1_000_000_000_000_150, bids: [("0.14695", "0")]) == .dropped)
        #expect(try diff(&sync, 1_000_000_000_000_200, bids: [("0.14695", "0")]) == .dropped)
        #expect(sync.book == before)
        #expect(try diff(&sync, 1_000_000_000_000_201, bids: [("0.14695", "0")]) == .bookChanged)
        #expect(sync.seq == 1_000_000_000_000_201)
        #expect(sync.book.bidCount == 2)
    }

    @Test func refetchesASnapshotOlderThanTheFirstBufferedDiffAndGivesUpAfterThreeAttempts() throws {
        var sync = BitstampBookSync()
        #expect(try diff(&sync, 2_000) == .requestSnapshot)
        #expect(try snapshot(&sync, 1_999) == .requestSnapshot)
        #expect(try diff(&sync, 3_000) == .none)
        #expect(try snapshot(&sync, 1_500) == .requestSnapshot)
        #expect(try snapshot(&sync, 1_000) == .failed(.snapshotUnaligned(attempts: 3)))
        #expect(sync.phase == .failed)
        #expect(try diff(&sync, 4_000) == .none)

        sync.reset()
        #expect(sync.phase == .buffering)
        #expect(try diff(&sync, 5_000) == .requestSnapshot)
        #expect(try snapshot(&sync, 5_000, bids: [("1", "1")]) == .bookReady)
        #expect(sync.seq == 5_000)
    }

    @Test func retriesAFailedSnapshotRequestUpToTheLimit() throws {
        var sync = BitstampBookSync(maxSnapshotAttempts: 2)
        #expect(sync.snapshotFailed() == .none)  // nothing was asked for yet
        #expect(try diff(&sync, 10) == .requestSnapshot)
        #expect(sync.snapshotFailed() == .requestSnapshot)
        #expect(sync.snapshotFailed() == .failed(.snapshotUnavailable(attempts: 2)))
    }

    @Test func waitsForTheConfiguredNumberOfDiffsBeforeTheFirstRequest() throws {
        var sync = BitstampBookSync(minimumBufferedDiffs: 3)
        #expect(try diff(&sync, 10) == .none)
        #expect(try diff(&sync, 20) == .none)
        #expect(try diff(&sync, 30) == .requestSnapshot)
        #expect(try diff(&sync, 40) == .none)
        #expect(sync.bufferedDiffCount == 4)
    }

    @Test func dropsTheOldestBufferedDiffWhenFullSoAStaleSnapshotIsRefetched() throws {
        var sync = BitstampBookSync(maxBufferedDiffs: 2)
        #expect(try diff(&sync, 10, bids: [("5", "1")]) == .requestSnapshot)
        #expect(try diff(&sync, 20, bids: [("6", "1")]) == .none)
        #expect(try diff(&sync, 30, bids: [("7", "1")]) == .none)
        #expect(sync.bufferedDiffCount == 2)
        #expect(try snapshot(&sync, 15) == .requestSnapshot)
        #expect(try snapshot(&sync, 20, bids: [("6", "1")]) == .bookReady)
        #expect(BookSamples.texts(sync.book.top(5).bids) == [["7", "1"], ["6", "1"]])
    }

    @Test func failsOnAPriceItCannotKeyAndStartsOverAfterReset() throws {
        var sync = BitstampBookSync()
        _ = try diff(&sync, 10)
        #expect(try snapshot(&sync, 10) == .bookReady)
        let action = try diff(&sync, 11, bids: [("1.0000000000000000001", "1")])
        #expect(action == .failed(.unrepresentablePrice(try BookSamples.decimal("1.0000000000000000001"))))
        #expect(sync.phase == .failed)
        #expect(sync.seq == nil)
        sync.reset()
        #expect(try diff(&sync, 12) == .requestSnapshot)
    }

    @Test func ignoresASnapshotOnceLive() throws {
        var sync = BitstampBookSync()
        _ = try diff(&sync, 10)
        #expect(try snapshot(&sync, 10, bids: [("1", "1")]) == .bookReady)
        #expect(try snapshot(&sync, 20, bids: [("2", "1")]) == .none)
        #expect(sync.book.bestBid?.price.text == "1")
    }

    @Test func verifiesTheTopLevelsAgainstAnOrderBookSnapshotByValue() throws {
        var sync = BitstampBookSync()
        _ = try diff(&sync, 10)
        let levels = try Self.snapshotLevels()
        #expect(sync.snapshot(microtimestamp: 10, bids: levels.bids, asks: levels.asks) == .bookReady)
        let top = (
            bids: try BookSamples.levels([("0.14695", "4567.413449360"), ("0.146760", "1498.00684013")]),
            asks: try BookSamples.levels([("0.14844", "4617.85577487"), ("0.14845", "766.98374892")])
        )
        #expect(sync.verify(against: top, depth: 2))
        let wrongAmount = (bids: top.bids, asks: try BookSamples.levels([("0.14844", "4617.8557748")]))
        #expect(!sync.verify(against: wrongAmount, depth: 1))
        let missingLevel = (bids: Array(top.bids.dropFirst()), asks: top.asks)
        #expect(!sync.verify(against: missingLevel, depth: 2))
    }
}

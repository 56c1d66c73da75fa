import Testing

@testable import StreamerCore

/// Bitvavo `book` updates + `getBook` snapshot, checked by contiguous nonces (exchange-messages.md B.7).
@Suite struct BitvavoBookSyncTests {
    /// Feeds an update given as text pairs.
    private func update(
        _ sync: inout BitvavoBookSync, _ nonce: Int64, bids: [(String, String)] = [], asks: [(String, String)] = []
    ) throws -> BitvavoBookSync.Action {
        sync.update(nonce: nonce, bids: try BookSamples.levels(bids), asks: try BookSamples.levels(asks))
    }

    /// Feeds a snapshot given as text pairs.
    private func snapshot(
        _ sync: inout BitvavoBookSync, _ nonce: Int64, bids: [(String, String)] = [], asks: [(String, String)] = []
    ) throws -> BitvavoBookSync.Action {
        sync.snapshot(nonce: nonce, bids: try BookSamples.levels(bids), asks: try BookSamples.levels(asks))
    }

    /// A sync made live at nonce 103 with one bid and one ask.
    private func liveSync() throws -> BitvavoBookSync {
        var sync = BitvavoBookSync()
        _ = try update(&sync, 103)
        #expect(try snapshot(&sync, 103, bids: [("75743", "0.1")], asks: [("75744", "0.2")]) == .bookReady)
        return sync
    }

    @Test func appliesOnlyTheBufferedUpdatesNewerThanTheSnapshotNonce() throws {
        var sync = BitvavoBookSync()
        #expect(try update(&sync, 100, bids: [("75000", "9")]) == .requestSnapshot)
        #expect(try update(&sync, 101, asks: [("75744", "0")]) == .none)
        #expect(try update(&sync, 102, bids: [("75743.00", "0.14051168")]) == .none)
        #expect(try update(&sync, 103, asks: [("75745.00", "1.5")]) == .none)
        #expect(sync.phase == .awaitingSnapshot)
        let action = try snapshot(
            &sync, 101, bids: [("75743", "0.1"), ("75742", "2")], asks: [("75744", "0.09383265")])
        #expect(action == .bookReady)
        #expect(sync.nonce == 103)
        #expect(sync.bufferedUpdateCount == 0)
        let top = sync.book.top(10)
        #expect(BookSamples.texts(top.bids) == [["75743.00", "0.14051168"], ["75742", "2"]])
        #expect(BookSamples.texts(top.asks) == [["75744", "0.09383265"], ["75745.00", "1.5"]])
        #expect(try update(&sync, 104, bids: [("75742.00", "0")]) == .bookChanged)
        #expect(sync.nonce == 104)
        #expect(sync.book.bidCount == 1)
    }

    @Test func updatesUnpaddedSnapshotLevelsWithPaddedUpdatePrices() throws {
        var sync = BitvavoBookSync()
        _ = try update(&sync, 10)
        #expect(
            try snapshot(&sync, 10, bids: [("75516", "0.1"), ("75515", "1")], asks: [("75517", "3")]) == .bookReady)
        #expect(
            try update(&sync, 11, bids: [("75516.00", "0.00058294"), ("75515.00", "0")], asks: [("75517.00", "0")])
                == .bookChanged)
        #expect(BookSamples.texts(sync.book.top(10).bids) == [["75516.00", "0.00058294"]])
        #expect(sync.book.askCount == 0)
    }

    @Test(arguments: [105 as Int64, 200, 103, 50, 1])
    func resyncsWhenALiveNonceSkipsAheadOrFallsBack(_ got: Int64) throws {
        var sync = try liveSync()
        #expect(try update(&sync, got, bids: [("1", "1")]) == .gap(reason: .sequence, expected: 104, got: got))
        #expect(sync.phase == .awaitingSnapshot)
        #expect(sync.nonce == nil)
        #expect(sync.book.isEmpty)
        #expect(try update(&sync, got + 1, bids: [("2", "1")]) == .none)
        #expect(try snapshot(&sync, got - 1, bids: [("3", "1")]) == .bookReady)
        #expect(sync.nonce == got + 1)
        #expect(sync.book.top(10).bids.map(\.price.text) == ["3", "2", "1"])
        #expect(try update(&sync, got + 2) == .bookChanged)
    }

    @Test func recoversFromAMatchingEngineRestartThatResetsTheNonce() throws {
        var sync = try liveSync()
        #expect(try update(&sync, 1, asks: [("80000", "1")]) == .gap(reason: .sequence, expected: 104, got: 1))
        #expect(try snapshot(&sync, 1, asks: [("80000", "1")]) == .bookReady)
        #expect(sync.nonce == 1)
        #expect(try update(&sync, 2, asks: [("80001", "1")]) == .bookChanged)
        #expect(sync.book.askCount == 2)
    }

    @Test func refetchesWhenTheSnapshotIsOlderThanTheFirstBufferedUpdate() throws {
        var sync = BitvavoBookSync()
        #expect(try update(&sync, 50) == .requestSnapshot)
        #expect(try update(&sync, 51) == .none)
        #expect(try snapshot(&sync, 48) == .requestSnapshot)  // update 49 was never seen
        #expect(try snapshot(&sync, 51, bids: [("1", "1")]) == .bookReady)
        #expect(sync.nonce == 51)
    }

    @Test func refetchesAcrossAHoleBetweenBufferedUpdates() throws {
        var sync = BitvavoBookSync()
        #expect(try update(&sync, 50, bids: [("1", "1")]) == .requestSnapshot)
        #expect(try update(&sync, 51, bids: [("2", "1")]) == .none)
        #expect(try update(&sync, 53, bids: [("3", "1")]) == .none)  // 52 is missing
        #expect(try snapshot(&sync, 51) == .requestSnapshot)
        #expect(try snapshot(&sync, 52, bids: [("4", "1")]) == .bookReady)
        #expect(sync.nonce == 53)
        #expect(sync.book.top(10).bids.map(\.price.text) == ["4", "3"])
    }

    @Test func discardsUpdatesFromBeforeARestartWhileBuffering() throws {
        var sync = BitvavoBookSync()
        _ = try update(&sync, 100, bids: [("1", "1")])
        _ = try update(&sync, 101, bids: [("2", "1")])
        #expect(try update(&sync, 3, bids: [("3", "1")]) == .none)
        #expect(try update(&sync, 4, bids: [("4", "1")]) == .none)
        #expect(sync.bufferedUpdateCount == 2)
        #expect(try snapshot(&sync, 3, bids: [("3", "1")]) == .bookReady)
        #expect(sync.nonce == 4)
        #expect(sync.book.top(10).bids.map(\.price.text) == ["4", "3"])
    }

    @Test func goesLiveAtTheSnapshotNonceWhenEveryBufferedUpdateIsOlder() throws {
        var sync = BitvavoBookSync()
        _ = try update(&sync, 7)
        #expect(try snapshot(&sync, 9) == .bookReady)
        #expect(sync.nonce == 9)
        #expect(try update(&sync, 10) == .bookChanged)
    }

    @Test func givesUpAfterTheConfiguredNumberOfSnapshotAttempts() throws {
        var sync = BitvavoBookSync(maxSnapshotAttempts: 2)
        #expect(try update(&sync, 50) == .requestSnapshot)
        #expect(sync.snapshotFailed() == .requestSnapshot)
        #expect(try snapshot(&sync, 10) == .failed(.snapshotUnaligned(attempts: 2)))
        #expect(sync.phase == .failed)
        #expect(try update(&sync, 51) == .none)
        sync.reset()
        #expect(try update(&sync, 60) == .requestSnapshot)
    }
}

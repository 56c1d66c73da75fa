import Foundation
import Testing

@testable import StreamerCore

/// `-o` files: append, header once per file, rotation on the pattern's time fields (the clock is each event's `recv`),
/// one file per type with `{type}`, errors with the path.
struct OutputRouterTests {
    private let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("router-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)  // the test fails on use
        return url
    }()

    private func router(_ name: String, format: OutputFormat = .csv) -> OutputRouter {
        Streamer.makeOutput(
            format: format, output: directory.appendingPathComponent(name).path, render: RenderOptions(),
            levelColumns: 2,
            markets: [], color: .never)
    }

    private func trade(at seconds: Int64, id: String = "1") throws -> MarketEvent {
        var trade = try SampleEvents.spotBuy()
        trade.id = id
        trade.header.recv = Timestamp(seconds * 1_000_000, .microseconds)
        return .trade(trade)
    }

    private func contents(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func writesTheCSVHeaderOnceEvenAcrossRunsAppendingToTheSameFile() throws {
        for run in 0..<2 {
            let output = router("trades.csv")
            try output.write(try trade(at: 1_795_000_000, id: "run\(run)"))
            try output.close()
        }
        let lines = try contents("trades.csv").split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("exchange,market,ts,recv,id,"))
        #expect(lines[1].contains(",run0,") && lines[2].contains(",run1,"))
    }

    @Test func rotatesAtTheHourBoundaryAndGivesEachNewFileItsHeader() throws {
        let output = router("t-%Y%m%d-%H.csv")
        try output.write(try trade(at: 1_795_003_199, id: "before"))  // 2026-11-18T11:59:59Z
        try output.write(try trade(at: 1_795_003_200, id: "after"))  // 2026-11-18T12:00:00Z
        try output.close()
        let first = try contents("t-20261118-11.csv").split(separator: "\n")
        let second = try contents("t-20261118-12.csv").split(separator: "\n")
        #expect(first.count == 2 && first[1].contains(",before,"))
        #expect(second.count == 2 && second[0].hasPrefix("exchange,") && second[1].contains(",after,"))
    }

    @Test func splitsEventTypesIntoTheirOwnFiles() throws {
        let output = router("{type}.jsonl", format: .jsonl)
        try output.write(try trade(at: 1_795_000_000))
        try output.write(.gap(try SampleEvents.gap()))
        try output.close()
        #expect(try contents("trade.jsonl").hasPrefix(#"{"type":"trade""#))
        #expect(try contents("gap.jsonl").hasPrefix(#"{"type":"gap""#))
    }

    @Test func createsFilesWithMode0644() throws {
        let output = router("mode.jsonl", format: .jsonl)
        try output.write(try trade(at: 1_795_000_000))
        try output.close()
        let attributes = try FileManager.default.attributesOfItem(
            atPath: directory.appendingPathComponent("mode.jsonl").path)
        let mask = umask(0)  // read the process umask, then put it back
        umask(mask)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o644 & ~Int(mask))
    }

    @Test func namesThePathWhenAFileCannotBeOpened() throws {
        let output = Streamer.makeOutput(
            format: .jsonl, output: "/nonexistent-dir/x.jsonl", render: RenderOptions(), levelColumns: 1, markets: [],
            color: .never)
        #expect(
            throws: OutputError.writeFailed(
                destination: "'/nonexistent-dir/x.jsonl'", reason: "No such file or directory")
        ) {
            try output.write(try trade(at: 1_795_000_000))
        }
    }

    @Test func refusesADirectoryUpFront() {
        #expect(OutputRouter.check(output: directory.path) == "'\(directory.path)' is a directory")
        #expect(OutputRouter.check(output: directory.appendingPathComponent("x.csv").path) == nil)
    }
}

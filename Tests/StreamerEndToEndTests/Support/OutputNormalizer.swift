import Foundation
import Testing

/// Makes output comparable with golden files by masking what legitimately changes between runs: `recv`.
enum OutputNormalizer {
    /// Replaces every JSON `"recv":"…"` value with `"recv":"*"`.
    static func jsonLines(_ text: String) -> String {
        text.replacingOccurrences(of: #""recv":"[^"]*""#, with: #""recv":"*""#, options: .regularExpression)
    }

    /// Replaces the fourth CSV column (`recv`) of every data row with `*`.
    static func csv(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            guard index > 0, !line.isEmpty else { return String(line) }
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields.count > 3 { fields[3] = "*" }
            return fields.joined(separator: ",")
        }.joined(separator: "\n")
    }
}

/// Golden files for end-to-end output under `Fixtures/golden/e2e/`; `STREAMER_RECORD_GOLDEN=1` rewrites them.
enum EndToEndGolden {
    /// Compares `actual` with the golden file `name`, or records it when asked.
    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = FixtureServer.fixturesDirectory.appendingPathComponent("golden/e2e").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["STREAMER_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "output differs from golden/e2e/\(name)", sourceLocation: sourceLocation)
    }
}

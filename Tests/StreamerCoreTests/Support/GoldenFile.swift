import Foundation
import Testing

/// Byte-for-byte comparison with `Fixtures/golden/<name>`; `STREAMER_RECORD_GOLDEN=1` rewrites the file instead.
enum GoldenFile {
    /// The environment variable that switches from comparing to recording.
    static let recordVariable = "STREAMER_RECORD_GOLDEN"

    /// Whether this run rewrites golden files instead of comparing against them.
    static var isRecording: Bool {
        ProcessInfo.processInfo.environment[recordVariable] == "1"
    }

    /// The package's `Fixtures/` directory: the first ancestor of `filePath` holding `Package.swift` and `Fixtures/`.
    static func fixturesDirectory(filePath: String = #filePath) throws -> URL {
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        let files = FileManager.default
        while directory.path != "/" {
            let fixtures = directory.appendingPathComponent("Fixtures")
            if files.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
                files.fileExists(atPath: fixtures.path)
            {
                return fixtures
            }
            directory.deleteLastPathComponent()
        }
        throw GoldenFileError.fixturesNotFound(from: filePath)
    }

    /// The location of golden file `name`.
    static func url(named name: String) throws -> URL {
        try fixturesDirectory().appendingPathComponent("golden").appendingPathComponent(name)
    }

    /// Checks that `actual` equals the golden file's bytes exactly, or records `actual` when recording.
    static func check(
        _ actual: [UInt8], matches name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let file = try url(named: name)
        if isRecording {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual).write(to: file)
            return
        }
        guard let expected = FileManager.default.contents(atPath: file.path) else {
            Issue.record(
                "missing golden file \(file.path); run with \(recordVariable)=1 to create it",
                sourceLocation: sourceLocation)
            return
        }
        if Array(expected) != actual {
            Issue.record(
                """
                output differs from \(file.path) (\(recordVariable)=1 rewrites it)
                --- expected (\(expected.count) bytes)
                \(String(decoding: expected, as: UTF8.self))
                --- actual (\(actual.count) bytes)
                \(String(decoding: actual, as: UTF8.self))
                """,
                sourceLocation: sourceLocation)
        }
    }
}

/// Why a golden file could not be located.
enum GoldenFileError: Error, CustomStringConvertible {
    /// No ancestor of the test source holds `Package.swift` and `Fixtures/`.
    case fixturesNotFound(from: String)

    var description: String {
        switch self {
        case .fixturesNotFound(let path): "no Fixtures/ directory above \(path)"
        }
    }
}

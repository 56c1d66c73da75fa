import Foundation

/// Reads files from the repository's `Fixtures/` folder, found from this source file's path.
enum FixtureFile {
    /// The `Fixtures/` directory.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The bytes of `Fixtures/<path>` without a trailing newline.
    static func bytes(_ path: String) throws -> [UInt8] {
        var bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(path)))
        while bytes.last == 0x0A || bytes.last == 0x0D { bytes.removeLast() }
        return bytes
    }
}

import Foundation
import Testing

@testable import StreamerCore

/// Lines across read chunks, with and without a final LF.
struct LineReaderTests {
    private func lines(of text: String, chunkBytes: Int) throws -> [String] {
        let name = "streamer-lines-\(UUID().uuidString)"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        defer { unlink(path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let reader = try LineReader(path: path, chunkBytes: chunkBytes)
        var result: [String] = []
        while let line = try reader.next() { result.append(String(decoding: line, as: UTF8.self)) }
        return result
    }

    @Test(arguments: [1, 3, 7, 64 << 10])
    func splitsLinesWhateverTheChunkSize(chunkBytes: Int) throws {
        #expect(
            try lines(of: "first\n\nthird line\nlast", chunkBytes: chunkBytes) == ["first", "", "third line", "last"])
        #expect(try lines(of: "one\ntwo\n", chunkBytes: chunkBytes) == ["one", "two"])
        #expect(try lines(of: "", chunkBytes: chunkBytes) == [])
    }
}

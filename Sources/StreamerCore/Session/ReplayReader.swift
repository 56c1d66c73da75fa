/// Reads a recording one line at a time: the header first, then entries; every failure names the file and line.
///
/// Blank lines are skipped. Lines come from a closure, so tests can read from memory.
public final class ReplayReader {
    /// Yields the next line without its LF, nil at the end.
    public typealias LineSource = () throws(SystemCallError) -> [UInt8]?

    /// The recording's path as given, for messages.
    public let path: String
    /// What was recorded and how.
    public let header: RecordingHeader
    /// The 1-based number of the last line read.
    public private(set) var lineNumber = 0
    private let nextLine: LineSource

    /// Opens `path` and reads its header.
    public convenience init(path: String) throws(RecordingError) {
        let reader: LineReader
        do {
            reader = try LineReader(path: path)
        } catch {
            throw RecordingError(path: path, line: nil, problem: .unreadable(Platform.describe(errno: error.errno)))
        }
        try self.init(path: path, lines: { () throws(SystemCallError) in try reader.next() })
    }

    /// Reads the header from `lines`.
    public init(path: String, lines: @escaping LineSource) throws(RecordingError) {
        self.path = path
        self.nextLine = lines
        var number = 0
        guard let first = try Self.read(lines, path: path, number: &number) else {
            throw RecordingError(path: path, line: 1, problem: .empty)
        }
        lineNumber = number
        do {
            header = try RecordingHeader.parse(first)
        } catch {
            throw RecordingError(path: path, line: number, problem: error)
        }
    }

    /// The next entry, or nil at the end of the recording.
    public func next() throws(RecordingError) -> RecordedEntry? {
        guard let line = try Self.read(nextLine, path: path, number: &lineNumber) else { return nil }
        do {
            return try RecordedEntry.parse(line)
        } catch {
            throw RecordingError(path: path, line: lineNumber, problem: error)
        }
    }

    /// The next line that is not blank, counting lines in `number`.
    private static func read(_ lines: LineSource, path: String, number: inout Int) throws(RecordingError) -> [UInt8]? {
        while true {
            let line: [UInt8]?
            do {
                line = try lines()
            } catch {
                throw RecordingError(path: path, line: nil, problem: .unreadable(Platform.describe(errno: error.errno)))
            }
            guard let line else { return nil }
            number += 1
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return line }
        }
    }
}

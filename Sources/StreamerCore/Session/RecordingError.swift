/// Why a recording cannot be replayed (exit 65, EX_DATAERR): the file and, for its contents, the line.
public struct RecordingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong with one line (or the file), before the reader adds where.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The file cannot be opened or read.
        case unreadable(String)
        /// The file holds nothing, not even a header.
        case empty
        /// The first line is not a recording header.
        case notARecording
        /// The header names a format this build does not read.
        case unsupportedVersion(Int64)
        /// A line is not what a recording holds.
        case malformed(String)

        public var description: String {
            switch self {
            case .unreadable(let reason): reason
            case .empty: "the file is empty (a recording starts with a header line)"
            case .notARecording: "not a streamer recording (the first line has no \"streamer_recording\")"
            case .unsupportedVersion(let version):
                "recording format \(version) is not supported; this streamer reads format \(RecordingHeader.version)"
            case .malformed(let detail): detail
            }
        }
    }

    /// The recording's path as given.
    public var path: String
    /// The 1-based line, or nil when the file as a whole failed.
    public var line: Int?
    /// What is wrong.
    public var problem: Problem

    /// A failure of `path` at `line`.
    public init(path: String, line: Int?, problem: Problem) {
        self.path = path
        self.line = line
        self.problem = problem
    }

    public var description: String {
        guard let line else { return "cannot read recording '\(path)': \(problem)" }
        return "cannot replay '\(path)': line \(line): \(problem)"
    }
}

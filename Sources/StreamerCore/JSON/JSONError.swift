/// Why a message is not the JSON we expect.
public enum JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not valid JSON (RFC 8259) at `offset`.
    case malformed(offset: Int, expected: String)

    public var description: String {
        switch self {
        case .malformed(let offset, let expected): "malformed JSON at byte \(offset): expected \(expected)"
        }
    }
}

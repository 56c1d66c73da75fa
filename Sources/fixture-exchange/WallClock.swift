import Foundation

/// The fixture's idea of "now" for signed requests: Unix time in milliseconds, as both exchanges count it.
enum WallClock {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}

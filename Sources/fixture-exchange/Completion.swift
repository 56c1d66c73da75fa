import Dispatch
import Synchronization

/// Hands the first connection's result from its thread to the main thread (`--once`).
final class Completion: Sendable {
    private let result = Mutex(false)
    private let signal = DispatchSemaphore(value: 0)

    /// Records whether the connection passed and wakes `wait()`.
    func finish(passed: Bool) {
        result.withLock { $0 = passed }
        signal.signal()
    }

    /// Blocks until `finish(passed:)` and returns its value.
    func wait() -> Bool {
        signal.wait()
        return result.withLock { $0 }
    }
}

/// Where a snapshot-plus-updates book sync stands.
public enum BookSyncPhase: Equatable, Sendable {
    /// Buffering updates; no snapshot asked for yet.
    case buffering
    /// Buffering updates while a snapshot request is out.
    case awaitingSnapshot
    /// The book is aligned and updates are applied as they come.
    case live
    /// Gave up; only `reset()` leaves this phase.
    case failed
}

import Synchronization

/// Where a replica's fleet services report whether the shared database answers, and where a snapshot reads it.
/// Written once per round with the database, read once per snapshot; requests never touch it.
public final class SharedStateStatus: Sendable {
    private let health = Mutex(SharedStateHealth())

    public init() {}

    /// The state now.
    public var current: SharedStateHealth { health.withLock { $0 } }

    /// A round with the database succeeded.
    public func reachable() {
        health.withLock { $0 = SharedStateHealth() }
    }

    /// A round failed at `now` (epoch seconds); `budgets` says what budgets are enforced against meanwhile. The
    /// outage keeps the time of its first failure.
    public func unreachable(now: Double, budgets: SharedStateHealth.Budgets) {
        health.withLock { h in
            h = SharedStateHealth(reachable: false, downSince: h.reachable ? now : h.downSince ?? now, budgets: budgets)
        }
    }
}

/// A fleet replica's view of the shared database, as its snapshot carries it (nil in a snapshot: no database).
public struct SharedStateHealth: Sendable, Codable, Hashable {
    /// What budgets and RPM/TPM limits are enforced against while the database is in the state described.
    public enum Budgets: String, Sendable, Codable, Hashable, CaseIterable {
        /// The database answers: leases are renewed as usual.
        case fleet
        /// The database is unreachable: the replica serves on the leases it holds (`on_database_down: fail_closed`
        /// until they run out).
        case leases
        /// The database is unreachable and the leases ran out: a budgeted request past them gets a 503.
        case failClosed = "fail_closed"
        /// The database is unreachable: every budget admits against its limit and the fleet's spend as last known.
        case failOpen = "fail_open"
    }

    /// Whether the last round with the database succeeded.
    public var reachable: Bool
    /// Epoch seconds of the first failed round of the current outage; nil while reachable.
    public var downSince: Double?
    public var budgets: Budgets

    public init(reachable: Bool = true, downSince: Double? = nil, budgets: Budgets = .fleet) {
        self.reachable = reachable
        self.downSince = downSince
        self.budgets = budgets
    }

    /// What budgets do now, in words: "budgets on leases", "budgets fail_closed past leases", …
    public var budgetsText: String {
        switch budgets {
        case .fleet: "budgets fleet-wide"
        case .leases: "budgets on leases"
        case .failClosed: "budgets fail_closed past leases"
        case .failOpen: "budgets fail_open"
        }
    }

    /// Seconds the database has been unreachable at `now` (0 while reachable).
    public func downFor(now: Double) -> Double {
        guard let downSince, !reachable else { return 0 }
        return max(0, now - downSince)
    }
}

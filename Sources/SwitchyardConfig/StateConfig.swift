/// Where shared state lives (`state:`): with a database URL, replicas share keys, teams, budget definitions,
/// overrides and the audit trail through PostgreSQL; without one, everything stays in the state directory.
public struct StateConfig: Sendable, Hashable {
    /// `postgresql://user@host:port/database`, checked when the gateway starts (the command line and
    /// `SWITCHYARD_DATABASE_URL` take precedence).
    public var databaseURL: String?
    /// What a replica does with a budgeted request its lease cannot cover while the shared database is unreachable.
    public var onDatabaseDown: DatabaseDownPolicy

    public init(databaseURL: String? = nil, onDatabaseDown: DatabaseDownPolicy = .failClosed) {
        self.databaseURL = databaseURL
        self.onDatabaseDown = onDatabaseDown
    }
}

/// `state.on_database_down`: past its budget leases, a replica that cannot reach the shared database refuses
/// budgeted requests with a 503 (`fail_closed`, the default: no budget can be overspent) or admits them against
/// the fleet's spend as last known (`fail_open`: traffic keeps flowing, a budget may be overspent by what the
/// other replicas spend meanwhile).
public enum DatabaseDownPolicy: String, Sendable, Hashable, CaseIterable {
    case failClosed = "fail_closed"
    case failOpen = "fail_open"
}

/// Where shared state lives (`state:`): with a database URL, replicas share keys, teams, budget definitions,
/// overrides and the audit trail through PostgreSQL; without one, everything stays in the state directory.
public struct StateConfig: Sendable, Hashable {
    /// `postgresql://user@host:port/database`, checked when the gateway starts (the command line and
    /// `SWITCHYARD_DATABASE_URL` take precedence).
    public var databaseURL: String?

    public init(databaseURL: String? = nil) {
        self.databaseURL = databaseURL
    }
}

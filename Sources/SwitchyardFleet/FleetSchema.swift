import Logging
import PostgresNIO

/// The shared database's tables, as numbered migrations. Each runs in its own transaction under an advisory lock,
/// so replicas starting together apply it once; `switchyard_schema` records every version applied.
///
/// Compatibility: a migration only adds (tables, columns with defaults, indexes), never drops or renames, so a
/// replica already running on version N keeps working after a newer replica moves the database to N + 1. A
/// replica refuses to start on a database newer than it knows.
public enum FleetSchema {
    /// Notifications of changed shared state go out on this channel, the payload naming the table.
    public static let channel = "switchyard_state"

    /// The statements of each version, in order; version N is `migrations[N - 1]`.
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE switchyard_keys (
                name text PRIMARY KEY,
                hash text NOT NULL UNIQUE,
                record text NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE switchyard_teams (
                name text PRIMARY KEY,
                record text NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE switchyard_budgets (
                scope_kind text NOT NULL,
                scope_name text NOT NULL,
                period text NOT NULL,
                record text NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (scope_kind, scope_name, period))
            """,
            """
            CREATE TABLE switchyard_overrides (
                id integer PRIMARY KEY CHECK (id = 1),
                overrides text NOT NULL,
                replica text NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE switchyard_audit (
                id bigserial PRIMARY KEY,
                replica text NOT NULL,
                sequence bigint NOT NULL,
                time double precision NOT NULL,
                record text NOT NULL)
            """,
            """
            CREATE FUNCTION switchyard_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('\(channel)', TG_TABLE_NAME);
                RETURN NULL;
            END $$
            """,
            "CREATE TRIGGER switchyard_keys_changed AFTER INSERT OR UPDATE OR DELETE ON switchyard_keys FOR EACH STATEMENT EXECUTE FUNCTION switchyard_notify()",
            "CREATE TRIGGER switchyard_teams_changed AFTER INSERT OR UPDATE OR DELETE ON switchyard_teams FOR EACH STATEMENT EXECUTE FUNCTION switchyard_notify()",
            "CREATE TRIGGER switchyard_budgets_changed AFTER INSERT OR UPDATE OR DELETE ON switchyard_budgets FOR EACH STATEMENT EXECUTE FUNCTION switchyard_notify()",
            "CREATE TRIGGER switchyard_overrides_changed AFTER INSERT OR UPDATE OR DELETE ON switchyard_overrides FOR EACH STATEMENT EXECUTE FUNCTION switchyard_notify()",
        ],
        // Heartbeats: one row per replica, rewritten every second; no trigger, as no replica acts on them.
        [
            """
            CREATE TABLE switchyard_heartbeats (
                replica text PRIMARY KEY,
                version text NOT NULL,
                started_at double precision NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now(),
                stopped boolean NOT NULL DEFAULT false,
                address text,
                control_socket text,
                snapshot text NOT NULL)
            """,
        ],
        ledgerMigration,
        // Budget leases: per budget, period and replica, the replica's settled spend and the headroom it holds
        // until `expires_at`; and the replicas alive to share RPM/TPM limits.
        [
            """
            CREATE TABLE switchyard_budget_leases (
                scope_kind text NOT NULL,
                scope_name text NOT NULL,
                period text NOT NULL,
                period_start double precision NOT NULL,
                replica text NOT NULL,
                spent double precision NOT NULL DEFAULT 0,
                lease double precision NOT NULL DEFAULT 0,
                expires_at timestamptz NOT NULL,
                PRIMARY KEY (scope_kind, scope_name, period, period_start, replica))
            """,
            """
            CREATE TABLE switchyard_lease_holders (
                replica text PRIMARY KEY,
                expires_at timestamptz NOT NULL)
            """,
        ],
    ]

    /// The newest version this build knows.
    public static var version: Int { migrations.count }

    /// Arbitrary, fixed: the advisory lock every migrating replica takes.
    static let lockKey: Int64 = 0x5357_5943_4844

    /// Brings the database to `version`, one transaction per step; returns the version found before. Throws when
    /// the database is newer than this build knows.
    @discardableResult
    public static func migrate(_ connection: FleetConnection) throws(FleetError) -> Int {
        try locked(connection) { db, logger in
            db.query(
                "CREATE TABLE IF NOT EXISTS switchyard_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: logger
            ).map { _ in }
        }
        let found = try currentVersion(connection)
        guard found <= version else { throw newer(found) }
        var step = found
        while step < version {
            step = try apply(after: step, on: connection)
        }
        guard step <= version else { throw newer(step) }
        return found
    }

    /// The version the database is at (0 for an empty database), without changing anything.
    public static func currentVersion(_ connection: FleetConnection) throws(FleetError) -> Int {
        let exists = try connection.query("SELECT to_regclass('switchyard_schema') IS NOT NULL")
        guard (try? exists.first?.decode(Bool.self)) == true else { return 0 }
        let rows = try connection.query("SELECT coalesce(max(version), 0)::bigint FROM switchyard_schema")
        return (try? rows.first?.decode(Int.self)) ?? 0
    }

    /// Applies the step after `seen` unless another replica got there first (the lock makes it wait for that one
    /// to commit); returns the version the database is at afterwards.
    private static func apply(after seen: Int, on connection: FleetConnection) throws(FleetError) -> Int {
        try locked(connection) { db, logger in
            db.query("SELECT coalesce(max(version), 0)::bigint FROM switchyard_schema", logger: logger)
                .flatMap { rows -> EventLoopFuture<Int> in
                    let now = (try? rows.rows.first?.decode(Int.self)) ?? 0
                    guard now == seen, now < version else { return db.eventLoop.makeSucceededFuture(now) }
                    let next = now + 1
                    var chain = db.eventLoop.makeSucceededVoidFuture()
                    for statement in migrations[now] {
                        chain = chain.flatMap { db.query(PostgresQuery(unsafeSQL: statement), logger: logger).map { _ in } }
                    }
                    return chain
                        .flatMap { db.query("INSERT INTO switchyard_schema (version) VALUES (\(next))", logger: logger) }
                        .map { _ in next }
                }
        }
    }

    /// Runs `body` in a transaction holding the migration lock; rolls back when it fails.
    private static func locked<T: Sendable>(
        _ connection: FleetConnection, _ body: @escaping @Sendable (PostgresConnection, Logger) -> EventLoopFuture<T>
    ) throws(FleetError) -> T {
        let logger = Logger(label: "switchyard.fleet")
        return try connection.transaction(locking: "SELECT pg_advisory_xact_lock(\(lockKey))") { db in body(db, logger) }
    }

    static func newer(_ found: Int) -> FleetError {
        FleetError("the shared database's schema is version \(found), newer than this Switchyard knows (version \(version)); upgrade this replica to a release that knows version \(found)")
    }
}

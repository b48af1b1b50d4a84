import Foundation
import Logging
import PostgresNIO
import SwitchyardCore
import Synchronization

/// The state a fleet of replicas shares, in PostgreSQL: runtime-managed keys, teams and budget definitions,
/// the deployment overrides in force and the audit trail (each row naming the replica that wrote it). Every
/// write notifies the other replicas through the tables' triggers. Rows hold each record as JSON beside the
/// columns it is looked up by.
public final class FleetStore: GovernanceStore, OverrideStore {
    /// This replica's name, written into the overrides and audit rows it writes.
    public let replica: String
    public let connection: FleetConnection
    /// The overrides this replica last wrote or took in, and the newest audit sequence whose overrides it wrote:
    /// a change that leaves the overrides as they were (a key made, a team changed) must not write a copy this
    /// replica has not caught up on over another replica's newer one, nor a late writer an older one.
    private let written = Mutex<(known: StoredOverrides?, sequence: Int)>((nil, 0))

    /// Uses the database behind `connection`; `migrate` first.
    public init(connection: FleetConnection, replica: String) {
        self.connection = connection
        self.replica = replica
    }

    /// Connects to `url` within `timeout`, brings the schema up to date and returns the store. Throws a
    /// `FleetError` naming the problem: unreachable, refused credentials, a schema newer than this build.
    public static func open(
        url: FleetDatabaseURL, replica: String, timeout: Duration = .seconds(5), logger: Logger
    ) throws(FleetError) -> FleetStore {
        let connection = FleetConnection(url: url, timeout: timeout, logger: logger)
        try FleetSchema.migrate(connection)
        return FleetStore(connection: connection, replica: replica)
    }

    // MARK: keys

    public func keys() throws -> [VirtualKeyRecord] {
        try records("SELECT record FROM switchyard_keys ORDER BY name")
    }

    public func saveKey(_ record: VirtualKeyRecord) throws {
        let json = try Self.json(record)
        _ = try connection.query("""
            INSERT INTO switchyard_keys (name, hash, record) VALUES (\(record.name), \(record.hash), \(json))
            ON CONFLICT (name) DO UPDATE SET hash = excluded.hash, record = excluded.record, updated_at = now()
            """)
    }

    @discardableResult
    public func deleteKey(named name: String) throws -> Bool {
        try !connection.query("DELETE FROM switchyard_keys WHERE name = \(name) RETURNING name").isEmpty
    }

    // MARK: teams

    public func teams() throws -> [TeamSpec] {
        try records("SELECT record FROM switchyard_teams ORDER BY name")
    }

    public func saveTeam(_ team: TeamSpec) throws {
        let json = try Self.json(team)
        _ = try connection.query("""
            INSERT INTO switchyard_teams (name, record) VALUES (\(team.name), \(json))
            ON CONFLICT (name) DO UPDATE SET record = excluded.record, updated_at = now()
            """)
    }

    @discardableResult
    public func deleteTeam(named name: String) throws -> Bool {
        try !connection.query("DELETE FROM switchyard_teams WHERE name = \(name) RETURNING name").isEmpty
    }

    // MARK: budgets

    public func budgets() throws -> [BudgetSpec] {
        try records("SELECT record FROM switchyard_budgets ORDER BY scope_kind, scope_name, period")
    }

    public func saveBudget(_ budget: BudgetSpec) throws {
        let json = try Self.json(budget)
        let kind = budget.scope.kind, name = budget.scope.name ?? "", period = budget.period.rawValue
        _ = try connection.query("""
            INSERT INTO switchyard_budgets (scope_kind, scope_name, period, record) VALUES (\(kind), \(name), \(period), \(json))
            ON CONFLICT (scope_kind, scope_name, period) DO UPDATE SET record = excluded.record, updated_at = now()
            """)
    }

    @discardableResult
    public func deleteBudget(scope: BudgetScope, period: BudgetPeriod) throws -> Bool {
        let kind = scope.kind, name = scope.name ?? "", period = period.rawValue
        return try !connection.query("""
            DELETE FROM switchyard_budgets WHERE scope_kind = \(kind) AND scope_name = \(name) AND period = \(period)
            RETURNING period
            """).isEmpty
    }

    // MARK: overrides and audit

    /// The shared overrides, taken as this replica's starting point.
    public func loadOverrides() throws -> StoredOverrides? {
        let stored = try sharedOverrides()
        written.withLock { $0.known = stored ?? StoredOverrides() }
        return stored
    }

    /// The overrides in the shared database now, or nil when none were ever written.
    public func sharedOverrides() throws -> StoredOverrides? {
        let stored: [StoredOverrides] = try records("SELECT overrides FROM switchyard_overrides WHERE id = 1")
        return stored.first
    }

    /// The overrides this replica last wrote or took in.
    public var knownOverrides: StoredOverrides? { written.withLock { $0.known } }

    /// The last `limit` audit records of the whole fleet, oldest first, numbered in the fleet's order. An
    /// unreadable trail is logged and read as empty: it must not keep the replica from starting.
    public func loadAudit(limit: Int) -> [AuditRecord] {
        guard limit > 0 else { return [] }
        let rows: [PostgresRow]
        do {
            rows = try connection.query(
                "SELECT id, record FROM (SELECT id, record FROM switchyard_audit ORDER BY id DESC LIMIT \(limit)) AS last ORDER BY id")
        } catch {
            connection.logger.error("fleet: cannot read the audit trail: \(error)")
            return []
        }
        return rows.compactMap { row in
            guard let (id, text) = try? row.decode((Int, String).self),
                  var record = try? JSONDecoder().decode(AuditRecord.self, from: Data(text.utf8))
            else { return nil }
            record.sequence = id
            return record
        }
    }

    /// Writes the audit row, then the overrides when this change moved them (and no newer change of this
    /// replica's already wrote its own), in one statement: both or neither.
    public func record(_ change: ControlChange) throws {
        let audit = try Self.json(change.record)
        let overrides = try Self.json(change.overrides)
        let replica = self.replica
        let sequence = change.record.sequence, time = change.record.time
        try written.withLock { state in
            let moved = change.overrides != state.known && change.record.sequence > state.sequence
            if moved {
                _ = try connection.query("""
                    WITH audit AS (
                        INSERT INTO switchyard_audit (replica, sequence, time, record) VALUES (\(replica), \(sequence), \(time), \(audit)))
                    INSERT INTO switchyard_overrides (id, overrides, replica) VALUES (1, \(overrides), \(replica))
                    ON CONFLICT (id) DO UPDATE SET overrides = excluded.overrides, replica = excluded.replica, updated_at = now()
                    """)
                state.known = change.overrides
                state.sequence = change.record.sequence
            } else {
                _ = try connection.query("""
                    INSERT INTO switchyard_audit (replica, sequence, time, record) VALUES (\(replica), \(sequence), \(time), \(audit))
                    """)
            }
        }
    }

    /// Remembers overrides taken in from another replica, so a later unrelated change does not write them back.
    public func adopted(_ overrides: StoredOverrides) {
        written.withLock { $0.known = overrides }
    }

    /// The audit rows' replica names with their records, newest last, numbered in the fleet's order (for checks
    /// and operators: each writer numbers its own records, and `ctl` starts afresh every run).
    public func auditTrail(limit: Int) throws -> [(replica: String, record: AuditRecord)] {
        let rows = try connection.query(
            "SELECT id, replica, record FROM (SELECT id, replica, record FROM switchyard_audit ORDER BY id DESC LIMIT \(limit)) AS last ORDER BY id")
        return try rows.map { row in
            let (id, replica, text) = try row.decode((Int, String, String).self)
            var record = try JSONDecoder().decode(AuditRecord.self, from: Data(text.utf8))
            record.sequence = id
            return (replica, record)
        }
    }

    // MARK: rows

    private func records<T: Decodable>(_ query: PostgresQuery) throws -> [T] {
        try connection.query(query).map { row in
            let text = try row.decode(String.self)
            do {
                return try JSONDecoder().decode(T.self, from: Data(text.utf8))
            } catch {
                throw FleetError("unreadable \(T.self) row in the shared database: \(error)")
            }
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

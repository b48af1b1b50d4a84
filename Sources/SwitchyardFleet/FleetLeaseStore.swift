import Logging
import PostgresNIO
import SwitchyardCore
import SwitchyardGovernance

/// Budget leases and RPM/TPM shares in the shared database, for one replica.
///
/// Per budget, period and replica a row holds the replica's settled spend in the period and the headroom it
/// leases beyond it until `expires_at`. The fleet's spend is the sum of the rows' spend; the headroom a grant
/// may hand out is `limit − fleet spend − other replicas' live leases`. Grants for one budget run one at a time
/// under an advisory lock named for it, so the live leases plus the spend never exceed the limit. A lease not
/// renewed in time (its replica crashed or lost the database) stops counting: its headroom goes back to the pool,
/// while the spend it recorded stays.
public final class FleetLeaseStore: Sendable {
    public let replica: String
    public let connection: FleetConnection
    /// How long a grant or heartbeat stays live without renewal.
    public let ttl: Duration

    public init(connection: FleetConnection, replica: String, ttl: Duration = .seconds(15)) {
        self.connection = connection
        self.replica = replica
        self.ttl = ttl
    }

    /// Records this replica's spend for the demand's budget and period, and replaces its lease with a new grant
    /// sized by `BudgetLeaseSizing`.
    public func renew(_ demand: BudgetLeaseDemand) throws(FleetError) -> BudgetLeaseGrant {
        let logger = connection.logger
        let replica = self.replica, seconds = ttlSeconds
        let kind = demand.scope.kind, name = demand.scope.name ?? "", period = demand.period.rawValue
        let start = demand.periodStart, own = BudgetLeaseSizing.clean(demand.ownSpent)
        return try connection.transaction(locking: Self.lock(demand)) { db in
            db.query("""
                INSERT INTO switchyard_budget_leases (scope_kind, scope_name, period, period_start, replica, spent, lease, expires_at)
                VALUES (\(kind), \(name), \(period), \(start), \(replica), \(own), 0, now() + \(seconds) * interval '1 second')
                ON CONFLICT (scope_kind, scope_name, period, period_start, replica)
                DO UPDATE SET spent = greatest(switchyard_budget_leases.spent, excluded.spent)
                """, logger: logger)
            .flatMap { _ in
                db.query("""
                    SELECT coalesce(sum(spent), 0)::float8,
                           coalesce(sum(spent) FILTER (WHERE replica <> \(replica)), 0)::float8,
                           coalesce(sum(lease) FILTER (WHERE replica <> \(replica) AND expires_at > now()), 0)::float8,
                           count(*) FILTER (WHERE replica <> \(replica) AND expires_at > now())::bigint
                    FROM switchyard_budget_leases
                    WHERE scope_kind = \(kind) AND scope_name = \(name) AND period = \(period) AND period_start = \(start)
                    """, logger: logger)
            }
            .flatMapThrowing { rows -> BudgetLeaseGrant in
                guard let row = rows.rows.first else { throw FleetError("no lease row for \(kind) \(name)") }
                let (fleet, others, leased, holders) = try row.decode((Double, Double, Double, Int).self)
                let lease = BudgetLeaseSizing.grant(
                    limit: demand.limit, fleetSpent: fleet, othersLeased: leased, otherHolders: holders,
                    reserved: demand.reserved, shortfall: demand.shortfall)
                return BudgetLeaseGrant(demand: demand, othersSpent: others, lease: lease)
            }
            .flatMap { grant in
                db.query("""
                    UPDATE switchyard_budget_leases SET lease = \(grant.lease), expires_at = now() + \(seconds) * interval '1 second'
                    WHERE scope_kind = \(kind) AND scope_name = \(name) AND period = \(period) AND period_start = \(start)
                      AND replica = \(replica)
                    """, logger: logger)
                .map { _ in grant }
            }
        }
    }

    /// Records this replica's final spend for each demand and gives its leases back (a graceful shutdown).
    public func release(_ demands: [BudgetLeaseDemand]) throws(FleetError) {
        let logger = connection.logger, replica = self.replica
        for demand in demands {
            let kind = demand.scope.kind, name = demand.scope.name ?? "", period = demand.period.rawValue
            let start = demand.periodStart, own = BudgetLeaseSizing.clean(demand.ownSpent)
            _ = try connection.transaction(locking: Self.lock(demand)) { db in
                db.query("""
                    INSERT INTO switchyard_budget_leases (scope_kind, scope_name, period, period_start, replica, spent, lease, expires_at)
                    VALUES (\(kind), \(name), \(period), \(start), \(replica), \(own), 0, now())
                    ON CONFLICT (scope_kind, scope_name, period, period_start, replica)
                    DO UPDATE SET spent = greatest(switchyard_budget_leases.spent, excluded.spent), lease = 0, expires_at = now()
                    """, logger: logger)
                .map { _ in }
            }
        }
        _ = try connection.query("DELETE FROM switchyard_lease_holders WHERE replica = \(replica)")
    }

    /// Says this replica is alive and returns its share of the RPM/TPM limits among the live replicas.
    public func heartbeat() throws(FleetError) -> RateShare {
        let logger = connection.logger
        let replica = self.replica, seconds = ttlSeconds
        let live = try connection.run { db in
            db.query("""
                INSERT INTO switchyard_lease_holders (replica, expires_at) VALUES (\(replica), now() + \(seconds) * interval '1 second')
                ON CONFLICT (replica) DO UPDATE SET expires_at = excluded.expires_at
                """, logger: logger)
            .flatMap { _ in
                db.query("SELECT replica FROM switchyard_lease_holders WHERE expires_at > now() ORDER BY replica",
                         logger: logger)
            }
            .flatMapThrowing { rows in try rows.rows.map { try $0.decode(String.self) } }
        }
        return RateShare(index: live.firstIndex(of: replica) ?? 0, count: live.count)
    }

    private var ttlSeconds: Double {
        let (seconds, attoseconds) = ttl.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The advisory lock grants for one budget take (all periods alike: one budget renews one period at a time).
    private static func lock(_ demand: BudgetLeaseDemand) -> PostgresQuery {
        let name = "switchyard_budget_leases/\(demand.scope.kind)/\(demand.scope.name ?? "")/\(demand.period.rawValue)"
        return "SELECT pg_advisory_xact_lock(hashtextextended(\(name), 0))"
    }
}

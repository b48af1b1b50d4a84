import Dispatch
import Logging
import SwitchyardCore
import SwitchyardGovernance
import SwitchyardTestSupport
import Synchronization
import Testing
@testable import SwitchyardFleet

/// Budget leases against a real PostgreSQL: grants, renewals, returns and expiry, and grants racing from several
/// connections.
@Suite struct FleetLeaseStoreTests {
    /// 2026-11-25 00:00 UTC, the start of a daily period.
    static let day: Double = 1_795_564_800

    private func open(_ url: String, replica: String) throws -> FleetLeaseStore {
        let connection = FleetConnection(url: try FleetDatabaseURL(parsing: url), timeout: .seconds(10),
                                         logger: Logger(label: "test"))
        try FleetSchema.migrate(connection)
        return FleetLeaseStore(connection: connection, replica: replica)
    }

    private func demand(own: Double, reserved: Double = 0, shortfall: Double = 0, limit: Double = 100,
                        periodStart: Double = day) -> BudgetLeaseDemand {
        BudgetLeaseDemand(scope: .team("research"), period: .daily, periodStart: periodStart, limit: limit,
                          ownSpent: own, reserved: reserved, shortfall: shortfall)
    }

    /// Σ spent and Σ live leases in the database for the test budget.
    private func totals(_ store: FleetLeaseStore) throws -> (spent: Double, leased: Double) {
        let rows = try store.connection.query("""
            SELECT coalesce(sum(spent), 0)::float8, coalesce(sum(lease) FILTER (WHERE expires_at > now()), 0)::float8
            FROM switchyard_budget_leases WHERE scope_kind = 'team' AND scope_name = 'research'
            """)
        let row = try #require(rows.first)
        return try row.decode((Double, Double).self)
    }

    @Test func grantRenewReturnAndExpire() throws {
        let (database, url) = try PostgresTestCluster.shared().createDatabase(prefix: "leases")
        let a = try open(url, replica: "a")
        let b = try open(url, replica: "b")
        defer { a.connection.close(); b.connection.close() }

        // Alone, a replica gets half of what is left; the second half of an even share of the rest.
        #expect(try a.renew(demand(own: 0)).lease == 50)
        let first = try b.renew(demand(own: 0))
        #expect(first.lease == 25)
        #expect(first.othersSpent == 0)

        // Renewals report spend; a replica learns the others' and gets a slice of what is left.
        let renewed = try a.renew(demand(own: 30))
        #expect(renewed.lease == 17.5)
        let seen = try b.renew(demand(own: 10))
        #expect(seen.othersSpent == 30)
        #expect(seen.lease == 15)
        var now = try totals(a)
        #expect(now.spent == 40 && now.leased == 32.5)

        // A wiped replica reporting less than it had recorded does not shrink the fleet's spend.
        #expect(try a.renew(demand(own: 0)).othersSpent == 10)
        now = try totals(a)
        #expect(now.spent == 40)

        // Returned on shutdown: the spend stays, the headroom goes back to the pool.
        try a.release([demand(own: 35)])
        let all = try b.renew(demand(own: 10, shortfall: 60))
        #expect(all.othersSpent == 35)
        #expect(all.lease == 55)
        now = try totals(a)
        #expect(now.spent == 45 && now.leased == 55)

        // A replica that stops renewing (crashed) loses its lease when it expires; its spend still counts.
        _ = try PostgresTestCluster.shared().psql(
            "UPDATE switchyard_budget_leases SET expires_at = now() - interval '1 second' WHERE replica = 'b'",
            database: database)
        let after = try a.renew(demand(own: 35, shortfall: 100))
        #expect(after.othersSpent == 10)
        #expect(after.lease == 55)

        // A new period starts from nothing.
        #expect(try a.renew(demand(own: 0, periodStart: Self.day + 86_400)).lease == 50)
    }

    @Test func heartbeatsShareRateLimitsAmongLiveReplicas() throws {
        let (database, url) = try PostgresTestCluster.shared().createDatabase(prefix: "lease_share")
        let stores = try ["c", "a", "b"].map { try open(url, replica: $0) }
        defer { for store in stores { store.connection.close() } }
        for store in stores { _ = try store.heartbeat() }
        #expect(try stores.map { try $0.heartbeat() } == [
            RateShare(index: 2, count: 3), RateShare(index: 0, count: 3), RateShare(index: 1, count: 3),
        ])
        try stores[1].release([])
        _ = try PostgresTestCluster.shared().psql(
            "UPDATE switchyard_lease_holders SET expires_at = now() - interval '1 second' WHERE replica = 'c'",
            database: database)
        #expect(try stores[2].heartbeat() == .whole)
    }

    /// Eight replicas renewing at once, each spending what its lease allows between renewals and asking for
    /// more than there is: the grants, serialized per budget, never lease out more than the limit minus the spend.
    @Test func concurrentGrantsNeverLeaseOutMoreThanTheLimit() throws {
        let url = try PostgresTestCluster.shared().createDatabase(prefix: "lease_race").url
        let stores = try (0..<8).map { try open(url, replica: "r\($0)") }
        defer { for store in stores { store.connection.close() } }
        let spent = Shared([Double](repeating: 0, count: stores.count))
        let failures = Shared<[String]>([])
        DispatchQueue.concurrentPerform(iterations: stores.count) { r in
            var generator = SeededGenerator(seed: UInt64(r + 1))
            var own = 0.0
            for _ in 0..<40 {
                do {
                    let grant = try stores[r].renew(demand(own: own, shortfall: 3, limit: 40))
                    own += grant.lease * Double.random(in: 0.5...1, using: &generator)
                } catch {
                    failures.value.withLock { $0.append("\(error)") }
                }
            }
            spent.value.withLock { $0[r] = own }
        }
        #expect(failures.value.withLock { $0 }.isEmpty)
        let fleet = spent.value.withLock { $0.reduce(0, +) }
        #expect(fleet <= 40 + 1e-9)
        // The leases went somewhere: the fleet spent most of the budget.
        #expect(fleet > 30)
        let now = try totals(stores[0])
        #expect(now.spent + now.leased <= 40 + 1e-9)
    }
}

/// A value several threads of a test update.
private final class Shared<Value: Sendable>: Sendable {
    let value: Mutex<Value>

    init(_ value: Value) {
        self.value = Mutex(value)
    }
}

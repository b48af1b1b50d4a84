import Foundation
import Logging
import SwitchyardCore
import SwitchyardGovernance
import SwitchyardTestSupport
import Testing
@testable import SwitchyardFleet

/// What a replica's leaser tells its snapshot about the shared database, against a real PostgreSQL that answers,
/// then goes away.
@Suite struct BudgetLeaserStatusTests {
    private func leaser(_ url: String, failOpen: Bool, status: SharedStateStatus) throws -> BudgetLeaser {
        let connection = FleetConnection(url: try FleetDatabaseURL(parsing: url), timeout: .seconds(2),
                                         logger: Logger(label: "test"))
        let governor = try Governor(
            policy: GovernancePolicy(), budgets: [BudgetSpec(scope: .global, limit: 100, period: .daily)],
            now: Date().timeIntervalSince1970)
        return BudgetLeaser(store: FleetLeaseStore(connection: connection, replica: "a"), governor: governor,
                            failOpen: failOpen, status: status, logger: Logger(label: "test"))
    }

    @Test func reachableThenOnLeasesThenPastThemSinceTheFirstFailure() throws {
        let cluster = try PostgresTestCluster.shared()
        let (database, url) = try cluster.createDatabase(prefix: "status")
        let migration = FleetConnection(url: try FleetDatabaseURL(parsing: url), logger: Logger(label: "test"))
        try FleetSchema.migrate(migration)
        migration.close()
        let status = SharedStateStatus()
        let leaser = try leaser(url, failOpen: false, status: status)
        leaser.start()
        #expect(status.current == SharedStateHealth(reachable: true, downSince: nil, budgets: .fleet))

        // The database goes away under the replica, which holds fresh leases.
        _ = try cluster.psql("DROP DATABASE \"\(database)\" WITH (FORCE)", database: "postgres")
        let before = Date().timeIntervalSince1970
        leaser.renew()
        let down = status.current
        #expect(!down.reachable)
        #expect(down.budgets == .leases)
        let since = try #require(down.downSince)
        #expect(since >= before)

        // A later failed round keeps the outage's start.
        leaser.renew()
        #expect(status.current.downSince == since)
    }

    @Test func withoutAnyLeaseFailingClosedOrOpenIsSaidAtOnce() throws {
        // Nothing listens on port 1: the first round fails, and there are no leases to serve on.
        let closed = SharedStateStatus()
        try leaser("postgresql://switchyard@127.0.0.1:1/none", failOpen: false, status: closed).renew()
        #expect(closed.current.budgets == .failClosed)
        #expect(!closed.current.reachable)
        let open = SharedStateStatus()
        try leaser("postgresql://switchyard@127.0.0.1:1/none", failOpen: true, status: open).renew()
        #expect(open.current.budgets == .failOpen)
    }
}

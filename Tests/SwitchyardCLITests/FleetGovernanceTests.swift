import Foundation
import Logging
import SwitchyardControl
import SwitchyardControlAPI
import SwitchyardCore
import SwitchyardFleet
import SwitchyardGateway
import SwitchyardGovernance
import SwitchyardTestSupport
import Testing
@testable import switchyard

/// `ctl --database-url` managing keys, teams and budgets against a real PostgreSQL: the changes land in the
/// shared tables a replica loads, refused input gets the socket's message, and the audit trail names the operator.
@Suite struct FleetGovernanceTests {
    private func store() throws -> FleetStore {
        let url = try PostgresTestCluster.shared().createDatabase(prefix: "ctl_governance").url
        return try FleetStore.open(url: try FleetDatabaseURL(parsing: url), replica: FleetFeed.writer,
                                   logger: Logger(label: "test"))
    }

    private func admin(_ store: FleetStore) throws -> GovernanceAdmin {
        try FleetGovernance.admin(store: store, modelGroups: ["chat", "cheap"]) { error in
            Issue.record("audit row not written: \(error)")
        }
    }

    /// What a replica starting on `store` would authenticate `secret` as.
    private func replicaSees(_ secret: String, in store: FleetStore) throws -> Result<Principal, GatewayError> {
        let now = Date().timeIntervalSince1970
        let replica = try GovernanceService.open(policy: GovernancePolicy(auth: .keys), teams: [], budgets: [],
                                                 stateDirectory: nil, shared: store, now: now)
        return replica.governor.authenticate(authorization: "Bearer \(secret)", apiKey: nil, now: now)
    }

    @Test func aKeyMadeInTheDatabaseWorksOnAReplicaUntilRevoked() throws {
        let store = try store()
        defer { store.connection.close() }
        let admin = try admin(store)
        _ = try admin.upsertTeam(TeamRequest(name: "ops", models: ["chat"], rpm: 60), actor: "ctl:alice")
        let created = try admin.createKey(
            KeyCreateRequest(name: "ops/ci", team: "ops", budget: KeyBudgetRequest(limit: 5, period: "weekly")),
            actor: "ctl:alice")
        #expect(created.key.team == "ops")
        #expect(try store.keys().map(\.name) == ["ops/ci"])
        #expect(try store.budgets().map(\.scope) == [.key("ops/ci")])
        #expect(try replicaSees(created.secret, in: store).get() == Principal(key: "ops/ci", team: "ops"))

        _ = try admin.revokeKey(named: "ops/ci", actor: "ctl:alice")
        guard case .failure(let error) = try replicaSees(created.secret, in: store) else {
            Issue.record("a revoked key still authenticates")
            return
        }
        #expect(error.status == 401)

        let trail = try store.auditTrail(limit: 10)
        #expect(trail.map(\.record.action) == ["teams create ops", "keys create ops/ci", "keys revoke ops/ci"])
        #expect(trail.allSatisfy { $0.record.actor == "ctl:alice" && $0.replica == FleetFeed.writer })
        #expect(trail.map(\.record.sequence) == [1, 2, 3])
        // Governance changes leave the shared overrides alone.
        #expect(try store.sharedOverrides() == nil)
    }

    @Test func refusalsAreTheSocketsAndChangeNothing() throws {
        let store = try store()
        defer { store.connection.close() }
        let admin = try admin(store)
        #expect(throws: GovernanceRefusal(400, "models: unknown model group 'gpt-9'; known: chat, cheap")) {
            try admin.createKey(KeyCreateRequest(name: "app", models: ["gpt-9"]), actor: "ctl:alice")
        }
        #expect(throws: GovernanceRefusal.self) {
            try admin.createKey(KeyCreateRequest(name: "app", team: "nobody"), actor: "ctl:alice")
        }
        #expect(throws: GovernanceRefusal.self) { try admin.deleteTeam(named: "nobody", actor: "ctl:alice") }
        #expect(try store.keys().isEmpty)
        #expect(try store.auditTrail(limit: 10).isEmpty)

        // A team a key names cannot go; a budget set and deleted leaves nothing behind.
        _ = try admin.upsertTeam(TeamRequest(name: "ops"), actor: "ctl:alice")
        _ = try admin.createKey(KeyCreateRequest(name: "ops/ci", team: "ops"), actor: "ctl:alice")
        #expect(throws: GovernanceRefusal.self) { try admin.deleteTeam(named: "ops", actor: "ctl:alice") }
        let set = try admin.setBudget(BudgetRequest(scope: "team", name: "ops", limit: 25, period: "weekly"), actor: "ctl:alice")
        #expect(set.budget.limit == 25 && set.source == .api)
        #expect(try store.budgets().map(\.limit) == [25])
        _ = try admin.deleteBudget(BudgetRequest(scope: "team", name: "ops", period: "weekly"), actor: "ctl:alice")
        #expect(try store.budgets().isEmpty)
    }

    @Test func budgetsListTheFleetsAndTheDatabasesOwn() {
        let reported = BudgetSnapshot(scope: .global, period: .monthly, limit: 100, spent: 40, resetsAt: nil,
                                      burnPerHour: 1, secondsToExhaustion: nil)
        let fromFile = BudgetSnapshot(scope: .team("ml"), period: .daily, limit: 10, spent: 2, resetsAt: nil,
                                      burnPerHour: 0, secondsToExhaustion: nil)
        let unreported = BudgetSnapshot(scope: .key("new"), period: .weekly, limit: 5, spent: 0, resetsAt: nil,
                                        burnPerHour: 0, secondsToExhaustion: nil)
        var stored = reported
        stored.spent = 0
        let list = BudgetInfo.fleet(stored: [BudgetInfo(budget: stored, source: .api), BudgetInfo(budget: unreported, source: .api)],
                                    reported: [reported, fromFile])
        #expect(list == [BudgetInfo(budget: reported, source: .api), BudgetInfo(budget: fromFile, source: .config),
                         BudgetInfo(budget: unreported, source: .api)])
        #expect(BudgetInfo(budget: stored, source: .api).reported(by: fleet([reported])).budget.spent == 40)
    }

    private func fleet(_ budgets: [BudgetSnapshot]) -> GatewaySnapshot {
        GatewaySnapshot(info: GatewayInfo(mode: "fleet", address: nil, version: "0", startedAt: 0), time: 0,
                        totals: TotalsSnapshot(), providers: [], deployments: [], models: [], errors: [],
                        budgets: budgets, events: [], requests: [], audit: [], canUndo: false)
    }
}

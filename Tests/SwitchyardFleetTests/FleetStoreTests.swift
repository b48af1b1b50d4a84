import Foundation
import Logging
import SwitchyardCore
import SwitchyardTestSupport
import Testing
@testable import SwitchyardFleet

/// The shared store against a real PostgreSQL: what one replica writes, another reads back whole.
@Suite struct FleetStoreTests {
    private func open(_ url: String, replica: String) throws -> FleetStore {
        try FleetStore.open(url: FleetDatabaseURL(parsing: url), replica: replica, timeout: .seconds(10),
                            logger: Logger(label: "test"))
    }

    private let key = VirtualKeyRecord(
        name: "ci-bot", hash: String(repeating: "ab", count: 32), prefix: "sk-sy-ab", team: "platform",
        models: ["gpt-4o"], limits: RateLimits(rpm: 60, tpm: nil), expiresAt: 2_000_000_000, createdAt: 1_700_000_000,
        metadata: ["owner": "ops"])

    @Test func keysTeamsAndBudgetsRoundTripBetweenReplicas() throws {
        let url = try PostgresTestCluster.shared().createDatabase(prefix: "store_governance").url
        let a = try open(url, replica: "a")
        let b = try open(url, replica: "b")
        defer { a.connection.close(); b.connection.close() }
        let team = TeamSpec(name: "platform", models: nil, limits: RateLimits(rpm: 100, tpm: 50_000), metadata: [:])
        let budget = BudgetSpec(scope: .team("platform"), limit: 25, period: .daily, downgradeTo: "gpt-4o-mini",
                                policy: .refuse)
        try a.saveTeam(team)
        try a.saveKey(key)
        try a.saveBudget(budget)
        try a.saveBudget(BudgetSpec(scope: .global, limit: 500, period: .monthly, downgradeTo: nil, policy: .refuse))
        #expect(try b.teams() == [team])
        #expect(try b.keys() == [key])
        #expect(try b.budgets().contains(budget))
        #expect(try b.budgets().count == 2)

        var revoked = key
        revoked.revokedAt = 1_800_000_000
        try b.saveKey(revoked)
        #expect(try a.keys() == [revoked])

        #expect(try a.deleteBudget(scope: .team("platform"), period: .daily))
        #expect(try !a.deleteBudget(scope: .team("platform"), period: .daily))
        #expect(try a.deleteKey(named: "ci-bot"))
        #expect(try a.deleteTeam(named: "platform"))
        #expect(try !b.deleteTeam(named: "platform"))
        #expect(try b.keys().isEmpty)
        #expect(try b.teams().isEmpty)
        #expect(try b.budgets().map(\.scope) == [.global])
    }

    @Test func aSecondKeyWithTheSameSecretIsRefusedByTheDatabase() throws {
        let url = try PostgresTestCluster.shared().createDatabase(prefix: "store_hash").url
        let store = try open(url, replica: "a")
        defer { store.connection.close() }
        try store.saveKey(key)
        var twin = key
        twin.name = "twin"
        #expect(throws: FleetError.self) { try store.saveKey(twin) }
    }

    @Test func overridesAndAuditRoundTripNamingTheReplica() throws {
        let cluster = try PostgresTestCluster.shared()
        let (database, url) = try cluster.createDatabase(prefix: "store_overrides")
        let a = try open(url, replica: "replica-a")
        let b = try open(url, replica: "replica-b")
        defer { a.connection.close(); b.connection.close() }
        #expect(try a.loadOverrides() == nil)
        #expect(try b.loadOverrides() == nil)
        let disabled = StoredOverrides(disabledProviders: ["openai"], weights: ["anthropic/claude": 2])
        try a.record(ControlChange(
            record: AuditRecord(sequence: 1, time: 1_700_000_000, actor: "ops", action: "disable openai",
                                before: "enabled", after: "disabled"),
            overrides: disabled))
        #expect(try b.sharedOverrides() == disabled)
        // A change that leaves the overrides alone writes only its audit row: b has not taken a's in yet, and must
        // not put its stale copy back.
        try b.record(ControlChange(
            record: AuditRecord(sequence: 1, time: 1_700_000_001, actor: "ops", action: "keys create k",
                                before: "none", after: "key k"),
            overrides: StoredOverrides()))
        #expect(try a.sharedOverrides() == disabled)
        b.adopted(disabled)
        try b.record(ControlChange(
            record: AuditRecord(sequence: 2, time: 1_700_000_002, actor: "ops", action: "enable openai",
                                before: "disabled", after: "enabled"),
            overrides: StoredOverrides(weights: ["anthropic/claude": 2])))
        #expect(try a.sharedOverrides() == StoredOverrides(weights: ["anthropic/claude": 2]))

        let trail = try a.auditTrail(limit: 10)
        #expect(trail.map(\.replica) == ["replica-a", "replica-b", "replica-b"])
        #expect(trail.map(\.record.action) == ["disable openai", "keys create k", "enable openai"])
        let loaded = b.loadAudit(limit: 2)
        #expect(loaded.map(\.action) == ["keys create k", "enable openai"])
        #expect(loaded.map(\.sequence) == [2, 3])
        #expect(try cluster.psql("SELECT count(*) FROM switchyard_audit WHERE replica = 'replica-b'",
                                 database: database)
            .trimmingCharacters(in: .whitespacesAndNewlines) == "2")
    }
}

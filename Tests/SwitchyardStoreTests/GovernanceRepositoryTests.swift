import GRDB
import SwitchyardCore
import Testing
@testable import SwitchyardStore

@Suite struct GovernanceRepositoryTests {
    static func key(_ name: String, hash: String, team: String? = nil) -> VirtualKeyRecord {
        VirtualKeyRecord(name: name, hash: hash, prefix: "sk-sy-\(hash.prefix(4))", team: team, createdAt: 1_700_000_000)
    }

    @Test func keysRoundTripThroughAReopenedFile() throws {
        let dir = try TemporaryDirectory()
        let full = VirtualKeyRecord(
            name: "team-a/ci", hash: String(repeating: "ab", count: 32), prefix: "sk-sy-3fA9", team: "team-a",
            models: ["gpt-4o", "claude"], limits: RateLimits(rpm: 60, tpm: 100_000), expiresAt: 1_800_000_000,
            revokedAt: nil, createdAt: 1_700_000_000.5, metadata: ["owner": "ops", "ticket": "OPS-12"])
        let bare = VirtualKeyRecord(name: "local", hash: "00ff", prefix: "sk-sy-00ff", models: [], createdAt: 1)
        do {
            let db = try StoreDatabase(directory: dir.path)
            try db.saveKey(full)
            try db.saveKey(bare)
            try db.close()
        }
        let db = try StoreDatabase(directory: dir.path)
        #expect(try db.keys() == [bare, full])
        #expect(try db.key(named: "team-a/ci") == full)
        #expect(try db.key(named: "nobody") == nil)
        #expect(try db.key(named: "local")?.models == [])
    }

    @Test func savingAKeyAgainReplacesItAndRevokingKeepsIt() throws {
        let db = try StoreDatabase()
        var k = Self.key("a", hash: "h1")
        try db.saveKey(k)
        k.limits = RateLimits(rpm: 5)
        try db.saveKey(k)
        #expect(try db.keys() == [k])

        let revoked = try #require(try db.revokeKey(named: "a", at: 50))
        #expect(revoked.revokedAt == 50)
        #expect(try db.revokeKey(named: "a", at: 90)?.revokedAt == 50)
        #expect(try db.key(named: "a")?.revokedAt == 50)
        #expect(try db.revokeKey(named: "missing", at: 1) == nil)

        #expect(try db.deleteKey(named: "a"))
        #expect(try !db.deleteKey(named: "a"))
        #expect(try db.keys().isEmpty)
    }

    @Test func aSecondKeyWithTheSameHashIsRefused() throws {
        let db = try StoreDatabase()
        try db.saveKey(Self.key("a", hash: "same"))
        #expect(throws: (any Error).self) { try db.saveKey(Self.key("b", hash: "same")) }
        #expect(try db.keys().map(\.name) == ["a"])
    }

    @Test func teamsRoundTripAndDelete() throws {
        let db = try StoreDatabase()
        let a = TeamSpec(name: "team-a", models: ["gpt-4o"], limits: RateLimits(tpm: 1_000), metadata: ["cost-center": "42"])
        let b = TeamSpec(name: "team-b")
        try db.saveTeam(b)
        try db.saveTeam(a)
        #expect(try db.teams() == [a, b])
        var a2 = a
        a2.models = nil
        try db.saveTeam(a2)
        #expect(try db.teams() == [a2, b])
        #expect(try db.deleteTeam(named: "team-b"))
        #expect(try db.teams() == [a2])
    }

    @Test func budgetsAreUniqueByScopeAndPeriod() throws {
        let db = try StoreDatabase()
        let global = BudgetSpec(scope: .global, limit: 1_000, period: .monthly)
        let teamDaily = BudgetSpec(scope: .team("team-a"), limit: 50, period: .daily, downgradeTo: "gpt-4o-mini")
        let teamMonthly = BudgetSpec(scope: .team("team-a"), limit: 900, period: .monthly, policy: .clamp)
        let key = BudgetSpec(scope: .key("team-a/ci"), limit: 5, period: .total)
        let model = BudgetSpec(scope: .model("team-a"), limit: 7, period: .daily)
        for b in [global, teamDaily, teamMonthly, key, model] { try db.saveBudget(b) }
        #expect(Set(try db.budgets()) == [global, teamDaily, teamMonthly, key, model])
        #expect(try db.budgets().count == 5)

        var raised = teamDaily
        raised.limit = 75
        raised.downgradeTo = nil
        try db.saveBudget(raised)
        #expect(Set(try db.budgets()) == [global, raised, teamMonthly, key, model])

        #expect(try db.deleteBudget(scope: .team("team-a"), period: .daily))
        #expect(try !db.deleteBudget(scope: .team("team-a"), period: .daily))
        #expect(try db.deleteBudget(scope: .global, period: .monthly))
        #expect(Set(try db.budgets()) == [teamMonthly, key, model])
    }

    /// A database written before budgets had a policy opens with every budget refusing, as before.
    @Test func budgetsFromBeforeThePolicyColumnReadAsRefuse() throws {
        let dir = try TemporaryDirectory()
        do {
            let queue = try DatabaseQueue(path: dir.path + "/" + StoreDatabase.fileName)
            try StoreSchema.migrator.migrate(queue, upTo: "v2-traces")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO budgets (scope_kind, scope_name, period, limit_usd, downgrade_to)
                    VALUES ('team', 'team-a', 'daily', 5, NULL)
                    """)
            }
        }
        let db = try StoreDatabase(directory: dir.path)
        #expect(try db.budgets() == [BudgetSpec(scope: .team("team-a"), limit: 5, period: .daily, policy: .refuse)])
        let clamped = BudgetSpec(scope: .team("team-a"), limit: 5, period: .daily, policy: .clamp)
        try db.saveBudget(clamped)
        #expect(try db.budgets() == [clamped])
    }
}

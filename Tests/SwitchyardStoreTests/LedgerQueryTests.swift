import Foundation
import SwitchyardCore
import Testing
@testable import SwitchyardStore

@Suite struct LedgerQueryTests {
    /// Six requests over t = 100…500 across keys, teams, models and deployments, incl. errors and an unpriced one.
    static let entries: [LedgerEntry] = [
        LedgerFixtures.entry(1, time: 100, key: "k1", team: "t1", model: "gpt-4o", deployment: "A", cost: 1.0),
        LedgerFixtures.entry(2, time: 200, key: "k1", team: "t1", model: "gpt-4o", deployment: "A", cost: 0.5),
        LedgerFixtures.entry(3, time: 300, key: "k2", team: "t1", model: "claude", deployment: "B", cost: 2.0),
        LedgerFixtures.entry(4, time: 400, key: nil, team: nil, model: "claude", deployment: nil, cost: 0, status: 503),
        LedgerFixtures.entry(5, time: 450, key: "k3", team: "t2", model: "llama", deployment: "C", cost: 0, costKnown: false),
        LedgerFixtures.entry(6, time: 500, key: "k1", team: "t1", model: "claude", deployment: "B", cost: 0.25, status: 429),
    ]

    static func store() throws -> (TemporaryDirectory, StoreDatabase) {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(directory: dir.path)
        try db.insertLedger(entries)
        return (dir, db)
    }

    @Test func spentPerScopeCountsRowsAtOrAfterSince() throws {
        let (_, db) = try Self.store()
        let queries: [SpendQuery] = [
            .init(scope: .global, since: 0), .init(scope: .global, since: 300), .init(scope: .global, since: 300.001),
            .init(scope: .key("k1"), since: 0), .init(scope: .key("k1"), since: 200), .init(scope: .key("k1"), since: 201),
            .init(scope: .team("t1"), since: 0), .init(scope: .team("t2"), since: 0),
            .init(scope: .model("claude"), since: 300), .init(scope: .model("claude"), since: 501),
            .init(scope: .key("nobody"), since: 0),
        ]
        let spent = try db.spent(queries + [queries[0]])
        #expect(spent.count == queries.count)
        #expect(spent[queries[0]] == 3.75)
        #expect(spent[queries[1]] == 2.25)
        #expect(spent[queries[2]] == 0.25)
        #expect(spent[queries[3]] == 1.75)
        #expect(spent[queries[4]] == 0.75)
        #expect(spent[queries[5]] == 0.25)
        #expect(spent[queries[6]] == 3.75)
        #expect(spent[queries[7]] == 0)
        #expect(spent[queries[8]] == 2.25)
        #expect(spent[queries[9]] == 0)
        #expect(spent[queries[10]] == 0)
    }

    @Test func spentAsyncMatchesBlocking() async throws {
        let (_, db) = try Self.store()
        let q = [SpendQuery(scope: .team("t1"), since: 150)]
        let viaAsync: [SpendQuery: Double] = try await db.spent(q)
        #expect(viaAsync[q[0]] == 2.75)
    }

    @Test func bucketsGroupByAlignedWindowKeyTeamAndModel() throws {
        let (_, db) = try Self.store()
        let buckets = try db.buckets(since: 0, width: 200)
        let expected: Set<SpendBucket> = [
            .init(start: 0, key: "k1", team: "t1", model: "gpt-4o", cost: 1.0, requests: 1),
            .init(start: 200, key: "k1", team: "t1", model: "gpt-4o", cost: 0.5, requests: 1),
            .init(start: 200, key: "k2", team: "t1", model: "claude", cost: 2.0, requests: 1),
            .init(start: 400, key: nil, team: nil, model: "claude", cost: 0, requests: 1),
            .init(start: 400, key: "k3", team: "t2", model: "llama", cost: 0, requests: 1),
            .init(start: 400, key: "k1", team: "t1", model: "claude", cost: 0.25, requests: 1),
        ]
        #expect(buckets.count == expected.count)
        #expect(Set(buckets) == expected)
        #expect(buckets.map(\.start) == buckets.map(\.start).sorted())

        let wide = try db.buckets(since: 300, width: 1_000)
        #expect(wide.allSatisfy { $0.start == 0 })
        #expect(wide.reduce(0) { $0 + $1.requests } == 4)
        #expect(wide.reduce(0) { $0 + $1.cost } == 2.25)
    }

    @Test func reportByKeyOrdersByCostAndCountsErrorsAndUnpriced() throws {
        let (_, db) = try Self.store()
        let rows = try db.report(by: .key, since: 0)
        #expect(rows.map(\.name) == ["k2", "k1", nil, "k3"])
        let k1 = rows[1]
        #expect(k1.requests == 3)
        #expect(k1.errors == 1)
        #expect(k1.cost == 1.75)
        #expect(k1.inputTokens == 101 + 102 + 106)
        #expect(k1.outputTokens == 11 + 12 + 16)
        #expect(k1.firstTime == 100)
        #expect(k1.lastTime == 500)
        #expect(rows[2].errors == 1)
        #expect(rows[3].unpriced == 1)
        #expect(rows.reduce(0) { $0 + $1.unpriced } == 1)
    }

    @Test func reportByTeamModelAndDeployment() throws {
        let (_, db) = try Self.store()
        let models = try db.report(by: .model, since: 0)
        #expect(models.map(\.name) == ["claude", "gpt-4o", "llama"])
        #expect(models.map(\.cost) == [2.25, 1.5, 0])
        #expect(models.map(\.errors) == [2, 0, 0])
        #expect(models.map(\.unpriced) == [0, 0, 1])

        let deployments = try db.report(by: .deployment, since: 0)
        #expect(deployments.map(\.name) == ["B", "A", nil, "C"])

        let teams = try db.report(by: .team, since: 0, until: 300)
        #expect(teams.count == 1)
        #expect(teams.first?.name == "t1")
        #expect(teams.first?.requests == 2)
        #expect(teams.first?.cost == 1.5)
        #expect(teams.first?.lastTime == 200)
    }

    @Test func totalCoversTheWindowAndIsNilWhenEmpty() async throws {
        let (_, db) = try Self.store()
        let total = try #require(try db.total(since: 0))
        #expect(total.name == nil)
        #expect(total.requests == 6)
        #expect(total.errors == 2)
        #expect(total.unpriced == 1)
        #expect(total.cost == 3.75)
        #expect(try db.total(since: 501) == nil)
        #expect(try db.total(since: 0, until: 100) == nil)

        let report = try await db.spendReport(by: .team, since: 250)
        #expect(report.rows.map(\.name) == ["t1", nil, "t2"])
        #expect(report.total?.requests == 4)
        #expect(report.total?.cost == 2.25)
    }

    @Test func reportRowsRoundTripThroughJSON() throws {
        let (_, db) = try Self.store()
        let report = SpendReport(
            grouping: .key, since: 0, until: nil, rows: try db.report(by: .key, since: 0), total: try db.total(since: 0))
        let data = try JSONEncoder().encode(report)
        let decoded = try JSONDecoder().decode(SpendReport.self, from: data)
        #expect(decoded == report)
        #expect(String(decoding: data, as: UTF8.self).contains("\"grouping\":\"key\""))
    }
}

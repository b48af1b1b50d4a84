import SwitchyardCore
import Testing
@testable import SwitchyardGovernance

@Suite struct SpendSnapshotTests {
    func governor() throws -> Governor {
        try Governor(
            policy: GovernancePolicy(), teams: [TeamSpec(name: "team-a"), TeamSpec(name: "team-b")],
            keys: [mint("a1", team: "team-a").record, mint("b1", team: "team-b").record, mint("idle").record],
            budgets: [BudgetSpec(scope: .global, limit: 100, period: .daily), BudgetSpec(scope: .key("idle"), limit: 5, period: .daily)],
            now: noon)
    }

    @Test func burnDividesByTheTimeObservedRightAfterStart() throws {
        let g = try governor()
        spend(g, request(key: "a1", team: "team-a"), cost: 1, at: noon + 30)
        let global = try #require(snapshot(g, .global, now: noon + 60))
        #expect(global.burnPerHour == 60) // $1 in the first 60 s observed
        #expect(global.burnPerHour24h == 60)
        // $99 left at $60/h.
        #expect(abs((global.secondsToExhaustion ?? 0) - 5940) < 1e-6)
        let later = try #require(snapshot(g, .global, now: noon + 600))
        #expect(later.burnPerHour == 0) // outside the 5-minute window
        #expect(later.burnPerHour24h == 6)
        #expect(later.secondsToExhaustion == nil)
    }

    @Test func spendersAreEveryKeyAndTeamWithSpendOrABudgetHighestFirst() throws {
        let g = try governor()
        spend(g, request(key: "a1", team: "team-a"), cost: 1, at: noon)
        spend(g, request(key: "b1", team: "team-b"), cost: 3, at: noon)
        spend(g, request(key: "b1", team: "team-b"), cost: 0, at: noon, costKnown: false)
        let snap = g.spendSnapshot(now: noon + 60)
        #expect(snap.spenders.map(\.name) == ["b1", "team-b", "a1", "team-a", "idle"])
        let b1 = try #require(snap.spenders.first)
        #expect(b1.kind == .key)
        #expect(b1.team == "team-b")
        #expect(b1.spent24h == 3)
        #expect(b1.requests24h == 2)
        #expect(snap.spenders.last?.spent24h == 0)
        #expect(snap.unpricedRequests24h == 1)
        #expect(snap.perHour == 4 * 60)
        // A day later only the budgeted key remains.
        #expect(g.spendSnapshot(now: noon + 90_000).spenders.map(\.name) == ["idle"])
        #expect(g.spendSnapshot(now: noon + 90_000).unpricedRequests24h == 0)
    }
}

@Suite struct SeedingTests {
    static let budgets = [
        BudgetSpec(scope: .key("a1"), limit: 50, period: .daily),
        BudgetSpec(scope: .team("team-a"), limit: 80, period: .weekly),
        BudgetSpec(scope: .model("gpt-4o"), limit: 90, period: .monthly, downgradeTo: "gpt-4o-mini"),
        BudgetSpec(scope: .global, limit: 500, period: .total),
    ]

    func governor(now: Double) throws -> Governor {
        try Governor(policy: GovernancePolicy(timeZone: "Europe/Berlin"),
                     teams: [TeamSpec(name: "team-a"), TeamSpec(name: "team-b")],
                     keys: [mint("a1", team: "team-a").record, mint("b1", team: "team-b").record],
                     budgets: Self.budgets, now: now)
    }

    @Test func spendSurvivesARestart() throws {
        // Yesterday evening (Berlin) to today: some spend falls before today's daily reset.
        let start = noon - 20 * 3600
        let original = try governor(now: start)
        var ledger: [LedgerEntry] = []
        let shapes: [(String?, String?, String, Double)] = [
            ("a1", "team-a", "gpt-4o", 1.25), ("b1", "team-b", "gpt-4o", 0.5), ("a1", "team-a", "gpt-4o-mini", 0.25),
            (nil, nil, "claude", 2),
        ]
        for minute in stride(from: 0, to: 20 * 60, by: 7) {
            let (key, team, model, cost) = shapes[minute % shapes.count]
            let t = start + Double(minute) * 60
            let verdict = original.admit(GatewayRequest(id: "r\(minute)", model: model, key: key, team: team, inputTokens: 10),
                                         estimatedCost: cost, now: t)
            let ticket = try #require(verdict.ticket)
            original.settle(ticket, charge: SettledCharge(cost: cost, inputTokens: 10, outputTokens: 5), now: t)
            ledger.append(LedgerEntry(time: t, requestID: "r\(minute)", key: key, team: team, model: model,
                                      deployment: nil, inputTokens: 10, outputTokens: 5, cost: cost, costKnown: true,
                                      status: 200))
        }
        let now = noon - 30
        let restarted = try governor(now: now)
        var sums: [SpendQuery: Double] = [:]
        for query in restarted.seedQueries(now: now) {
            sums[query] = ledger.filter { $0.time >= query.since && Self.matches(query.scope, $0) }.map(\.cost).reduce(0, +)
        }
        restarted.seed(spent: sums, recent: Self.buckets(ledger), now: now)

        let before = original.budgetSnapshots(now: now)
        #expect(restarted.budgetSnapshots(now: now) == before)
        #expect(restarted.spendSnapshot(now: now) == original.spendSnapshot(now: now))
        // The daily key budget saw only today's (Berlin) spend; the total one saw everything.
        let key = try #require(before.first { $0.scope == .key("a1") })
        let total = try #require(before.first { $0.scope == .global })
        #expect(key.spent > 0)
        #expect(key.spent < ledger.filter { $0.key == "a1" }.map(\.cost).reduce(0, +))
        #expect(total.spent == ledger.map(\.cost).reduce(0, +))
        #expect(before.allSatisfy { $0.burnPerHour24h > 0 })
    }

    @Test func seedQueriesStartAtEachBudgetsPeriod() throws {
        let g = try governor(now: noon)
        let queries = g.seedQueries(now: noon)
        let berlin = BudgetPeriod.resolveTimeZone("Europe/Berlin")
        #expect(queries.count == Self.budgets.count)
        for (query, spec) in zip(queries, Self.budgets) {
            #expect(query.scope == spec.scope)
            #expect(query.since == spec.period.periodStart(containing: noon, timeZone: berlin))
        }
        #expect(queries.last?.since == 0)
    }

    static func matches(_ scope: BudgetScope, _ entry: LedgerEntry) -> Bool {
        switch scope {
        case .global: true
        case .key(let k): entry.key == k
        case .team(let t): entry.team == t
        case .model(let m): entry.model == m
        }
    }

    /// What the ledger's per-minute rollup would return.
    static func buckets(_ ledger: [LedgerEntry]) -> [SpendBucket] {
        struct Group: Hashable { var start: Double; var key: String?; var team: String?; var model: String }
        var grouped: [Group: SpendBucket] = [:]
        for entry in ledger {
            let g = Group(start: (entry.time / 60).rounded(.down) * 60, key: entry.key, team: entry.team, model: entry.model)
            grouped[g, default: SpendBucket(start: g.start, key: g.key, team: g.team, model: g.model, cost: 0, requests: 0)]
                .cost += entry.cost
            grouped[g]?.requests += 1
        }
        return Array(grouped.values)
    }
}

import Testing
@testable import SwitchyardCore

@Suite struct SpendTests {
    @Test func costIsPriceTimesTokensWithTotalsPerKeyTeamModel() async throws {
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority))
        // gpt/openai: 2.5 $/M in, 10 $/M out; 1000 in + 500 out = 0.0075.
        let r1 = await h.send(key: "ci", team: "team-a")
        #expect(abs(r1.cost - 0.0075) < 1e-12)
        await h.send(key: "ci", team: "team-a")
        await h.send(key: "web", team: "team-b")
        await h.send("claude", key: "web", team: "team-b") // 3 $/M in, 15 $/M out = 0.0105

        let totals = h.engine.spendTotals()
        #expect(abs(totals.global - (0.0075 * 3 + 0.0105)) < 1e-12)
        #expect(abs((totals.byKey["ci"] ?? 0) - 0.015) < 1e-12)
        #expect(abs((totals.byKey["web"] ?? 0) - 0.018) < 1e-12)
        #expect(abs((totals.byTeam["team-a"] ?? 0) - 0.015) < 1e-12)
        #expect(abs((totals.byModel["gpt"] ?? 0) - 0.0225) < 1e-12)
        #expect(abs((totals.byModel["claude"] ?? 0) - 0.0105) < 1e-12)

        let snap = h.engine.snapshot(info: h.info)
        #expect(abs(snap.totals.totalCost - totals.global) < 1e-12)
        let gpt = try #require(snap.models.first { $0.name == "gpt" })
        #expect(gpt.inputTokens == 3000 && gpt.outputTokens == 1500)
        #expect(abs(gpt.cost - 0.0225) < 1e-12)
    }

    @Test func onlyTheAnsweringAttemptIsCharged() async throws {
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority))
        h.transport.script("gpt/openai", .fail(503), .fail(503))
        let r = await h.send(key: "ci")
        #expect(r.servedBy?.id == "gpt/azure")
        // gpt/azure: 2 $/M in, 8 $/M out → 0.006.
        #expect(abs(r.cost - 0.006) < 1e-12)
        #expect(r.attempts.filter { $0.cost > 0 }.count == 1)
        #expect(abs(h.engine.spendTotals().global - 0.006) < 1e-12)
    }

    @Test func failedRequestsCostNothing() async throws {
        let h = try Harness()
        for d in ["gpt/openai", "gpt/azure", "claude/anthropic"] { h.transport.script(d, .fail(400)) }
        let r = await h.send(key: "ci")
        #expect(r.cost == 0)
        #expect(h.engine.spendTotals().global == 0)
    }

    @Test func budgetsAndSpendInSnapshotsComeFromAdmissionControl() async throws {
        let budgets = [
            BudgetSnapshot(scope: .team("team-a"), period: .daily, limit: 1, spent: 0.4, resetsAt: 1_767_312_000,
                           burnPerHour: 0.2, secondsToExhaustion: 10_800, reserved: 0.01, downgradeTo: "claude"),
            BudgetSnapshot(scope: .global, period: .total, limit: 100, spent: 3, resetsAt: nil, burnPerHour: 0,
                           secondsToExhaustion: nil),
        ]
        let spend = SpendSnapshot(perHour: 0.2, perHour24h: 0.1, unpricedRequests24h: 2, spenders: [
            SpenderSnapshot(kind: .team, name: "team-a", team: nil, spent24h: 0.4, requests24h: 9, burnPerHour: 0.2),
        ])
        let h = try Harness(admission: RecordingAdmission(budgets: budgets, spend: spend))
        let snap = h.engine.snapshot(info: h.info)
        #expect(snap.budgets == budgets)
        #expect(snap.spend == spend)
        #expect(h.engine.budgetSnapshots() == budgets)
    }

    @Test func withoutAdmissionControlThereAreNoBudgets() async throws {
        let h = try Harness()
        await h.send(key: "ci", team: "team-a")
        let snap = h.engine.snapshot(info: h.info)
        #expect(snap.budgets.isEmpty && h.engine.budgetSnapshots().isEmpty)
        #expect(snap.spend == SpendSnapshot())
        #expect(h.engine.spendTotals().global > 0)
    }

    @Test func periodBoundariesAreUTC() {
        let t = 1_767_225_600.0 + 3 * 86_400 + 3600 // Sunday 2026-01-04 01:00 UTC
        #expect(BudgetPeriod.daily.periodEnd(containing: t) == Double(1_767_225_600 + 4 * 86_400))
        #expect(BudgetPeriod.weekly.periodEnd(containing: t) == Double(1_767_225_600 + 4 * 86_400)) // Monday 01-05
        #expect(BudgetPeriod.monthly.periodEnd(containing: t) == 1_769_904_000) // 2026-02-01
        #expect(BudgetPeriod.total.periodEnd(containing: t) == nil)
    }
}

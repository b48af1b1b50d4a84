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

    @Test func budgetSnapshotBurnAndExhaustion() async throws {
        let budgets = [
            BudgetSpec(scope: .team("team-a"), limit: 1, period: .daily),
            BudgetSpec(scope: .key("other"), limit: 5, period: .monthly),
            BudgetSpec(scope: .global, limit: 100, period: .total),
        ]
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), budgets: budgets)
        for _ in 0..<10 {
            await h.send(key: "ci", team: "team-a")
            h.clock.advance(by: 6)
        }
        let snap = h.engine.snapshot(info: h.info)
        #expect(h.engine.budgetSnapshots() == snap.budgets)
        let team = snap.budgets[0]
        #expect(abs(team.spent - 0.075) < 1e-12)
        // 0.075 $ in the ~60 s observed since start (less than the 300 s burn window): burn over what was seen.
        let observed = h.clock.now() - 1_767_225_600
        #expect(observed > 59 && observed < 70)
        let burn = 0.075 / observed * 3600
        #expect(abs(team.burnPerHour - burn) < 1e-9)
        let left = try #require(team.secondsToExhaustion)
        #expect(abs(left - (1 - 0.075) / (burn / 3600)) < 1e-6)
        #expect(team.resetsAt == Double(1_767_225_600 + 86_400))
        #expect(snap.budgets[1].spent == 0 && snap.budgets[1].secondsToExhaustion == nil)
        #expect(snap.budgets[2].resetsAt == nil)

        // Once a whole window has been observed, the burn is over the 300 s window.
        h.clock.advance(by: 300 - observed - 1)
        #expect(abs(h.engine.budgetSnapshots()[0].burnPerHour - 0.075 / 299 * 3600) < 1e-6)

        // A new UTC day resets the daily budget but not the total one.
        h.clock.advance(by: 86_400)
        let later = h.engine.snapshot(info: h.info)
        #expect(later.budgets[0].spent == 0)
        #expect(abs(later.budgets[2].spent - 0.075) < 1e-12)
    }

    @Test func periodBoundariesAreUTC() {
        let t = 1_767_225_600.0 + 3 * 86_400 + 3600 // Sunday 2026-01-04 01:00 UTC
        #expect(BudgetPeriod.daily.periodEnd(containing: t) == Double(1_767_225_600 + 4 * 86_400))
        #expect(BudgetPeriod.weekly.periodEnd(containing: t) == Double(1_767_225_600 + 4 * 86_400)) // Monday 01-05
        #expect(BudgetPeriod.monthly.periodEnd(containing: t) == 1_769_904_000) // 2026-02-01
        #expect(BudgetPeriod.total.periodEnd(containing: t) == nil)
    }
}

import SwitchyardCore
import Testing
@testable import SwitchyardGovernance

@Suite struct PermissionTests {
    func governor(keyModels: [String]?, teamModels: [String]?) throws -> Governor {
        try Governor(policy: GovernancePolicy(), teams: [TeamSpec(name: "team-a", models: teamModels)],
                     keys: [mint("team-a/ci", team: "team-a", models: keyModels).record], now: noon)
    }

    @Test func theKeysListForbidsAModel() throws {
        let g = try governor(keyModels: ["gpt-4o-mini", "claude-haiku"], teamModels: nil)
        let error = try #require(g.admit(request("gpt-4o", key: "team-a/ci"), estimatedCost: 0, now: noon).error)
        #expect(error.status == 403)
        #expect(error.kind == .forbidden)
        #expect(error.code == "model_not_allowed")
        #expect(error.message.contains("'gpt-4o'"))
        #expect(error.message.contains("key team-a/ci"))
        #expect(error.message.contains("gpt-4o-mini, claude-haiku"))
        #expect(g.admit(request("gpt-4o-mini", key: "team-a/ci"), estimatedCost: 0, now: noon).isAdmitted)
    }

    @Test func theTeamsListForbidsAModelEvenWhenTheKeyAllowsIt() throws {
        let g = try governor(keyModels: ["gpt-4o", "claude-haiku"], teamModels: ["claude-*"])
        // The team is found from the key when the request doesn't carry it.
        let error = try #require(g.admit(request("gpt-4o", key: "team-a/ci"), estimatedCost: 0, now: noon).error)
        #expect(error.status == 403)
        #expect(error.message.contains("team team-a"))
        #expect(error.message.contains("claude-*"))
        #expect(g.admit(request("claude-haiku", key: "team-a/ci"), estimatedCost: 0, now: noon).isAdmitted)
    }

    @Test func noListsAllowEverything() throws {
        let g = try governor(keyModels: nil, teamModels: nil)
        #expect(g.admit(request("anything", key: "team-a/ci"), estimatedCost: 0, now: noon).isAdmitted)
    }
}

@Suite struct DowngradeTests {
    func governor(keyModels: [String]? = nil, extra: [BudgetSpec] = []) throws -> Governor {
        try Governor(
            policy: GovernancePolicy(), teams: [TeamSpec(name: "team-a")],
            keys: [mint("team-a/ci", team: "team-a", models: keyModels).record],
            budgets: [BudgetSpec(scope: .key("team-a/ci"), limit: 5, period: .daily, downgradeTo: "gpt-4o-mini")] + extra,
            now: noon)
    }

    let big = request("gpt-4o", key: "team-a/ci", team: "team-a")

    @Test func anExhaustedBudgetWithADowngradeMovesTheRequest() throws {
        let g = try governor()
        #expect(spend(g, big, cost: 5, at: noon).isAdmitted)
        let verdict = g.admit(big, estimatedCost: 0.2, now: noon + 1)
        let ticket = try #require(verdict.ticket)
        #expect(ticket.model == "gpt-4o-mini")
        let reason = try #require(verdict.downgradeReason)
        #expect(reason.contains("key team-a/ci daily budget $5.00"))
        #expect(reason.contains("gpt-4o-mini"))
        // The move is still charged to the key's budget.
        g.settle(ticket, charge: SettledCharge(cost: 0.1, inputTokens: 1, outputTokens: 1), now: noon + 1)
        let key = try #require(snapshot(g, .key("team-a/ci"), now: noon + 1))
        #expect(abs(key.spent - 5.1) < 1e-9)
        #expect(key.downgradeTo == "gpt-4o-mini")
        #expect(key.team == "team-a")
    }

    @Test func noDowngradeWhenTheTargetIsNotAllowed() throws {
        let g = try governor(keyModels: ["gpt-4o"])
        spend(g, big, cost: 5, at: noon)
        let error = try #require(g.admit(big, estimatedCost: 0, now: noon + 1).error)
        #expect(error.code == "budget_exceeded")
        #expect(error.message.contains("not possible"))
    }

    @Test func noDowngradeWhenTheTargetsOwnBudgetIsExhausted() throws {
        let g = try governor(extra: [BudgetSpec(scope: .model("gpt-4o-mini"), limit: 1, period: .daily)])
        spend(g, big, cost: 5, at: noon)
        spend(g, request("gpt-4o-mini"), cost: 1, at: noon)
        let error = try #require(g.admit(big, estimatedCost: 0, now: noon + 1).error)
        #expect(error.code == "budget_exceeded")
        #expect(error.message.contains("model gpt-4o-mini daily budget $1.00 is exhausted"))
    }

    @Test func aHardBudgetInTheChainWins() throws {
        let g = try governor(extra: [BudgetSpec(scope: .team("team-a"), limit: 5, period: .daily)])
        spend(g, big, cost: 5, at: noon)
        let error = try #require(g.admit(big, estimatedCost: 0, now: noon + 1).error)
        #expect(error.message.contains("team team-a daily budget"))
    }
}

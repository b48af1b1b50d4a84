import SwitchyardCore
import Testing
@testable import SwitchyardGovernance

/// A budget with the `clamp` policy lowers a request's completion ceiling to what it can still pay for, instead
/// of refusing it; the reservation shrinks with it, so the overshoot stays bounded by estimation error.
@Suite struct BudgetClampTests {
    /// $1 per prompt, $0.01 per completion token: easy arithmetic.
    let cost = CostEstimate(inputCost: 1, outputCostPerToken: 0.01, outputTokens: 1000)  // worst case $11

    func governor(_ policies: [BudgetScope: (Double, BudgetPolicy)]) throws -> Governor {
        let ci = mint("team-a/ci", team: "team-a")
        let budgets = policies.map { BudgetSpec(scope: $0.key, limit: $0.value.0, period: .daily, policy: $0.value.1) }
        return try Governor(policy: GovernancePolicy(), teams: [TeamSpec(name: "team-a")], keys: [ci.record],
                            budgets: budgets, now: noon)
    }

    let req = request(key: "team-a/ci", team: "team-a", input: 100, maxOutput: 1000)

    @Test func aClampBudgetLowersMaxTokensToWhatIsLeftAndReservesThatMuch() throws {
        let g = try governor([.team("team-a"): (10, .clamp)])
        spend(g, req, cost: 4, at: noon)  // $6 left: $1 prompt + 500 tokens
        let verdict = g.admit(req, cost: cost, now: noon + 1)
        #expect(verdict.isAdmitted)
        let ticket = try #require(verdict.ticket)
        let clamp = try #require(ticket.clamp)
        #expect(clamp.maxOutputTokens == 500)
        #expect(clamp.requested == 1000)
        #expect(clamp.budget == "team team-a daily budget $10.00")
        #expect(abs(ticket.reserved - 6) < 1e-9)
        #expect(ticket.reservedTokens == 600)
        #expect(abs((snapshot(g, .team("team-a"), now: noon + 1)?.reserved ?? 0) - 6) < 1e-9)
        // Nothing is left now: the next request is refused, not clamped to zero.
        #expect(g.admit(req, cost: cost, now: noon + 2).error?.code == "budget_exceeded")
    }

    @Test func aRequestThatFitsIsNotClamped() throws {
        let g = try governor([.team("team-a"): (100, .clamp)])
        let ticket = try #require(g.admit(req, cost: cost, now: noon).ticket)
        #expect(ticket.clamp == nil)
        #expect(abs(ticket.reserved - 11) < 1e-9)
    }

    /// (left in the budget, expected ceiling or nil for a refusal)
    @Test(arguments: [
        (10.0, 900 as Int?), (1.5, 50), (1.01, 1), (1.009, nil), (0.5, nil),
    ] as [(Double, Int?)])
    func theCeilingIsWhatTheMoneyLeftPaysFor(_ limit: Double, _ expected: Int?) throws {
        let g = try governor([.key("team-a/ci"): (limit, .clamp)])
        let verdict = g.admit(req, cost: cost, now: noon)
        if let expected {
            #expect(verdict.ticket?.clamp?.maxOutputTokens == expected, "\(verdict)")
            let reserved = try #require(verdict.ticket?.reserved)
            #expect(reserved <= limit)
        } else {
            let error = try #require(verdict.error)
            #expect(error.message.contains("budget cannot cover this request"), "\(error.message)")
        }
    }

    @Test func theTightestOfSeveralClampBudgetsSetsTheCeiling() throws {
        let g = try governor([.team("team-a"): (4, .clamp), .global: (3, .clamp), .key("team-a/ci"): (1000, .refuse)])
        let clamp = try #require(g.admit(req, cost: cost, now: noon).ticket?.clamp)
        #expect(clamp.maxOutputTokens == 200)
        #expect(clamp.budget == "global daily budget $3.00")
    }

    @Test func aRefuseBudgetThatCannotCoverTheRequestStillRefusesIt() throws {
        let g = try governor([.team("team-a"): (5, .clamp), .global: (5, .refuse)])
        let error = try #require(g.admit(req, cost: cost, now: noon).error)
        #expect(error.code == "budget_exceeded")
        #expect(error.message.contains("global daily budget $5.00"), "\(error.message)")
    }

    @Test func anExhaustedClampBudgetRefuses() throws {
        let g = try governor([.team("team-a"): (10, .clamp)])
        spend(g, req, cost: 10, at: noon)
        let error = try #require(g.admit(req, cost: cost, now: noon + 1).error)
        #expect(error.message.contains("budget exhausted"), "\(error.message)")
    }

    @Test func settlingAClampedRequestChargesWhatItCostAndFreesTheRest() throws {
        let g = try governor([.team("team-a"): (3, .clamp)])
        let ticket = try #require(g.admit(req, cost: cost, now: noon).ticket)
        #expect(ticket.clamp?.maxOutputTokens == 200)
        g.settle(ticket, charge: SettledCharge(cost: 2.5, inputTokens: 100, outputTokens: 150), now: noon + 1)
        let budget = try #require(snapshot(g, .team("team-a"), now: noon + 1))
        #expect(budget.reserved == 0)
        #expect(abs(budget.spent - 2.5) < 1e-9)
        #expect(budget.policy == .clamp)
    }

    @Test func aFlatEstimateHasNoCompletionToLowerSoItIsRefused() throws {
        let g = try governor([.team("team-a"): (0.5, .clamp)])
        #expect(g.admit(req, estimatedCost: 1, now: noon).error?.code == "budget_exceeded")
    }
}

@Suite struct CostEstimateTests {
    /// (input $, $ per output token, tokens, dollars available, affordable tokens)
    @Test(arguments: [
        (1.0, 0.01, 1000, 11.0, 1000 as Int?), (1.0, 0.01, 1000, 100.0, 1000), (1.0, 0.01, 1000, 1.25, 25),
        (1.0, 0.01, 1000, 0.99, nil), (0.0, 0.0, 1000, 0.0, 1000), (0.0, 0.0, 0, 5.0, nil),
        (0.0, 1e-9, 100_000_000, 1e300, 100_000_000), (0.0, 0.01, 10, .nan, nil), (0.0, 0.01, 10, .infinity, 10),
    ] as [(Double, Double, Int, Double, Int?)])
    func affordableTokens(_ input: Double, _ perToken: Double, _ tokens: Int, _ dollars: Double, _ expected: Int?) {
        let estimate = CostEstimate(inputCost: input, outputCostPerToken: perToken, outputTokens: tokens)
        #expect(estimate.affordableOutputTokens(within: dollars) == expected)
    }

    @Test func hostilePricesCountAsNothingRatherThanCreditsOrTraps() {
        let estimate = CostEstimate(inputCost: -5, outputCostPerToken: .nan, outputTokens: -3)
        #expect(estimate.worstCase == 0)
        #expect(estimate.outputTokens == 0)
        #expect(CostEstimate.flat(.infinity).worstCase == 0)
    }
}

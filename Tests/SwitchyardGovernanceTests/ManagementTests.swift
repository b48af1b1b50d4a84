import SwitchyardCore
import Testing
@testable import SwitchyardGovernance

@Suite struct ManagementTests {
    func governor() throws -> Governor {
        try Governor(policy: GovernancePolicy(), teams: [TeamSpec(name: "team-a"), TeamSpec(name: "platform")],
                     keys: [mint("team-a/ci", team: "team-a").record], now: noon)
    }

    func failure(_ body: () throws -> Void) -> GovernanceError? {
        do {
            try body()
        } catch let error as GovernanceError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    @Test(arguments: ["", "has space", "semi;colon", String(repeating: "k", count: 65), "ünïcode"])
    func badKeyNamesAreRefused(_ name: String) throws {
        let g = try governor()
        let error = failure { try g.addKey(mint(name).record) }
        #expect(error?.kind == .invalid)
        #expect(error?.description.contains("A–Z a–z 0–9 . _ / -") == true)
    }

    @Test func duplicatesAndUnknownTeamsAreRefused() throws {
        let g = try governor()
        #expect(failure { try g.addKey(mint("team-a/ci").record) }?.kind == .duplicate)
        let unknown = failure { try g.addKey(mint("new", team: "team-aa").record) }
        #expect(unknown?.kind == .notFound)
        #expect(unknown?.description.contains("did you mean 'team-a'") == true)
        let reused = mint("twin")
        var copy = reused.record
        copy.name = "twin-2"
        try g.addKey(reused.record)
        #expect(failure { try g.addKey(copy) }?.kind == .duplicate)
        #expect(failure { try g.addKey(mint("neg", limits: RateLimits(rpm: -1)).record) }?.kind == .invalid)
        #expect(g.keys().map(\.name) == ["team-a/ci", "twin"])
    }

    @Test func revokingKeepsTheFirstTimeAndUnknownNamesSuggest() throws {
        let g = try governor()
        let revoked = try g.revokeKey(name: "team-a/ci", at: noon)
        #expect(revoked.revokedAt == noon)
        #expect(try g.revokeKey(name: "team-a/ci", at: noon + 10).revokedAt == noon)
        let error = failure { try g.revokeKey(name: "team-a/cj", at: noon) }
        #expect(error?.kind == .notFound)
        #expect(error?.description.contains("did you mean 'team-a/ci'") == true)
    }

    @Test func teamsInUseCannotBeRemoved() throws {
        let g = try governor()
        let error = failure { try g.removeTeam(name: "team-a") }
        #expect(error?.kind == .inUse)
        #expect(error?.description.contains("team-a/ci") == true)
        try g.setBudget(BudgetSpec(scope: .team("platform"), limit: 1, period: .weekly), now: noon)
        let budgeted = failure { try g.removeTeam(name: "platform") }
        #expect(budgeted?.kind == .inUse)
        #expect(budgeted?.description.contains("weekly") == true)
        try g.removeBudget(scope: .team("platform"), period: .weekly)
        try g.removeTeam(name: "platform")
        #expect(g.teams().map(\.name) == ["team-a"])
        #expect(failure { try g.removeTeam(name: "platform") }?.kind == .notFound)
        try g.upsertTeam(TeamSpec(name: "team-a", models: ["gpt-4o"]))
        #expect(g.teams().first?.models == ["gpt-4o"])
        // Once its only key is revoked, the team can go.
        _ = try g.revokeKey(name: "team-a/ci", at: noon)
        try g.removeTeam(name: "team-a")
        #expect(g.teams().isEmpty)
    }

    @Test(arguments: [-1.0, .nan, .infinity])
    func badBudgetLimitsAreRefused(_ limit: Double) throws {
        let g = try governor()
        #expect(failure { try g.setBudget(BudgetSpec(scope: .global, limit: limit, period: .daily), now: noon) }?.kind
                == .invalid)
        #expect(g.budgets().isEmpty)
    }

    @Test func budgetsNameKnownKeysAndTeams() throws {
        let g = try governor()
        #expect(failure { try g.setBudget(BudgetSpec(scope: .team("nobody"), limit: 1, period: .daily), now: noon) }?
            .kind == .notFound)
        #expect(failure { try g.setBudget(BudgetSpec(scope: .key("nobody"), limit: 1, period: .daily), now: noon) }?
            .kind == .notFound)
    }

    @Test func settingABudgetAgainReplacesItsLimitAndKeepsItsSpend() throws {
        let g = try governor()
        try g.setBudget(BudgetSpec(scope: .global, limit: 10, period: .daily), now: noon)
        try g.setBudget(BudgetSpec(scope: .global, limit: 10, period: .monthly), now: noon)
        spend(g, request(), cost: 4, at: noon)
        try g.setBudget(BudgetSpec(scope: .global, limit: 3, period: .daily), now: noon)
        #expect(g.budgets().count == 2)
        #expect(g.budgets().first?.limit == 3)
        #expect(snapshot(g, .global, now: noon)?.spent == 4)
        #expect(g.admit(request(), estimatedCost: 0, now: noon).error?.message.contains("$3.00") == true)
        try g.removeBudget(scope: .global, period: .daily)
        #expect(g.budgets().map(\.period) == [.monthly])
        let missing = failure { try g.removeBudget(scope: .global, period: .weekly) }
        #expect(missing?.kind == .notFound)
        #expect(missing?.description.contains("monthly") == true)
    }

    @Test func initRefusesInvalidConfiguration() {
        #expect(throws: GovernanceError.self) {
            try Governor(policy: GovernancePolicy(), budgets: [BudgetSpec(scope: .global, limit: -1, period: .daily)], now: noon)
        }
        #expect(throws: GovernanceError.self) {
            try Governor(policy: GovernancePolicy(), budgets: [
                BudgetSpec(scope: .global, limit: 1, period: .daily), BudgetSpec(scope: .global, limit: 2, period: .daily),
            ], now: noon)
        }
    }
}

@Suite struct StartupReferenceTests {
    /// The config may budget a key before anyone created it, and a stored key may name a team the config has
    /// since dropped: neither keeps the gateway from starting, and the budget binds once the name is used.
    @Test func startAcceptsReferencesToNamesThatDoNotExistYet() throws {
        let g = try Governor(
            policy: GovernancePolicy(), keys: [mint("orphan", team: "gone").record],
            budgets: [BudgetSpec(scope: .key("later"), limit: 1, period: .daily),
                      BudgetSpec(scope: .team("future"), limit: 1, period: .daily)],
            now: noon)
        let request = GatewayRequest(id: "r", model: "m", key: "later", team: "future", inputTokens: 10)
        guard case .admitted(let ticket) = g.admit(request, estimatedCost: 0.5, now: noon) else {
            Issue.record("first request refused")
            return
        }
        g.settle(ticket, charge: SettledCharge(cost: 1, inputTokens: 10, outputTokens: 10), now: noon)
        guard case .rejected(let error) = g.admit(request, estimatedCost: 0.5, now: noon + 1) else {
            Issue.record("the key budget did not bind")
            return
        }
        #expect(error.message.contains("key later"), "\(error.message)")
        // At runtime the same references are refused: a typo must not create a budget nobody hits.
        #expect(throws: GovernanceError.self) {
            try g.setBudget(BudgetSpec(scope: .key("typo"), limit: 1, period: .daily), now: noon)
        }
    }
}

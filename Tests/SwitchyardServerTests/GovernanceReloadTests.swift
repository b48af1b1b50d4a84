import Foundation
import Testing
import SwitchyardConfig
import SwitchyardCore
import SwitchyardGateway
import SwitchyardGovernance

/// A reload swaps the teams and budgets the config file owns, all or nothing; runtime-made ones stay.
@Suite struct GovernanceReloadTests {
    static func config(teams: String, budgets: String) throws -> GatewayConfig {
        try ConfigLoader.parse(yaml: """
            providers:
              - { name: upstream, kind: openai-compatible, base_url: "http://127.0.0.1:9/v1" }
            models:
              - { name: chat, deployments: [{ provider: upstream, model: gpt-4o, price: { input: 2.5, output: 10 } }] }
            teams:
            \(teams)
            budgets:
            \(budgets)
            """, file: "gateway.yaml").config
    }

    @Test func budgetsAndTeamsFollowTheFileAndARemovedBudgetTakesItsReservations() throws {
        let now = Date().timeIntervalSince1970
        let first = try Self.config(teams: "  - { name: research }\n  - { name: ml }",
                                    budgets: "  - { scope: team, name: research, limit: 5, period: daily }\n  - { scope: global, limit: 100 }")
        let service = try GovernanceService.open(config: first, stateDirectory: nil, now: now)
        _ = try GatewayGovernanceTests.addKey(service, name: "made-at-runtime")
        try service.governor.setBudget(BudgetSpec(scope: .key("made-at-runtime"), limit: 1, period: .daily), now: now)
        // A request in flight holds a reservation on the research budget.
        let request = GatewayRequest(id: "r", model: "chat", team: "research", inputTokens: 1000, maxOutputTokens: 1000)
        guard case .admitted = service.governor.admit(request, estimatedCost: 0.5, now: now) else {
            Issue.record("not admitted")
            return
        }
        #expect(service.governor.budgetSnapshots(now: now).first { $0.scope == .team("research") }?.reserved == 0.5)

        let second = try Self.config(teams: "  - { name: research }\n  - { name: vision }",
                                     budgets: "  - { scope: team, name: vision, limit: 7, period: weekly }\n  - { scope: global, limit: 200 }")
        try service.reload(config: second, now: now)
        let budgets = service.governor.budgetSnapshots(now: now)
        #expect(budgets.first { $0.scope == .team("research") } == nil)
        #expect(budgets.first { $0.scope == .team("vision") }?.limit == 7)
        #expect(budgets.first { $0.scope == .global }?.limit == 200)
        #expect(budgets.first { $0.scope == .key("made-at-runtime") }?.limit == 1)
        #expect(Set(service.governor.teams().map(\.name)) == ["research", "vision"])
        #expect(service.configTeams == ["research", "vision"])
        #expect(service.configBudgets.count == 2)
    }

    @Test func aRemovedTeamThatStillHasKeysRefusesTheWholeReload() throws {
        let now = Date().timeIntervalSince1970
        let first = try Self.config(teams: "  - { name: research }", budgets: "  - { scope: global, limit: 100 }")
        let service = try GovernanceService.open(config: first, stateDirectory: nil, now: now)
        _ = try GatewayGovernanceTests.addKey(service, name: "alice", team: "research")
        let second = try Self.config(teams: "  - { name: vision }", budgets: "  - { scope: global, limit: 5 }")
        #expect(throws: GovernanceError.self) { try service.reload(config: second, now: now) }
        #expect(service.governor.teams().map(\.name) == ["research"])
        #expect(service.governor.budgets().map(\.limit) == [100])
        #expect(service.configTeams == ["research"])
    }
}

import Foundation
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardGovernance
import SwitchyardStore
import Testing

@Suite(.serialized) struct GovernanceSpendRouteTests {
    private func entry(
        _ id: String, ago: Double, key: String?, team: String?, model: String, deployment: String, cost: Double,
        status: Int = 200
    ) -> LedgerEntry {
        LedgerEntry(time: Date().timeIntervalSince1970 - ago, requestID: id, key: key, team: team, model: model,
                    deployment: deployment, inputTokens: 100, outputTokens: 10, cost: cost, costKnown: true, status: status)
    }

    @Test func spendIsReportedByKeyTeamModelAndDeployment() async throws {
        try await GovernedControl.with { control in
            let client = control.client
            let writer = control.service.writer
            try await writer.append(entry("r1", ago: 600, key: "a", team: "platform", model: "gpt-4o",
                                          deployment: "gpt-4o/openai", cost: 1.5))
            try await writer.append(entry("r2", ago: 300, key: "a", team: "platform", model: "gpt-4o-mini",
                                          deployment: "gpt-4o-mini/openai", cost: 0.25))
            try await writer.append(entry("r3", ago: 120, key: "b", team: nil, model: "gpt-4o",
                                          deployment: "gpt-4o/azure", cost: 2, status: 500))
            try await writer.append(entry("old", ago: 7_200, key: "b", team: nil, model: "gpt-4o",
                                          deployment: "gpt-4o/azure", cost: 100))

            let byKey = try await send(client, "GET", "/v1/spend?by=key&since=1h").decode(SpendReport.self)
            #expect(byKey.grouping == .key)
            #expect(byKey.rows.map(\.name) == ["b", "a"])
            #expect(byKey.rows.map(\.cost) == [2, 1.75])
            #expect(byKey.rows.map(\.errors) == [1, 0])
            #expect(byKey.total?.cost == 3.75)
            #expect(byKey.total?.requests == 3)

            let byTeam = try await send(client, "GET", "/v1/spend?by=team&since=1h").decode(SpendReport.self)
            #expect(Set(byTeam.rows.map(\.name)) == [nil, "platform"])
            #expect(byTeam.rows.first { $0.name == "platform" }?.cost == 1.75)

            let byModel = try await send(client, "GET", "/v1/spend?by=model&since=1h").decode(SpendReport.self)
            #expect(byModel.rows.map(\.name) == ["gpt-4o", "gpt-4o-mini"])
            #expect(byModel.rows.map(\.cost) == [3.5, 0.25])

            let byDeployment = try await send(client, "GET", "/v1/spend?by=deployment").decode(SpendReport.self)
            #expect(byDeployment.rows.map(\.name) == ["gpt-4o/azure", "gpt-4o/openai", "gpt-4o-mini/openai"])
            // The default window is 24 hours, so the older row counts here.
            #expect(byDeployment.total?.cost == 103.75)

            // A window in epoch seconds that ends before the recent rows.
            let now = Date().timeIntervalSince1970
            let early = try await send(client, "GET", "/v1/spend?by=key&since=\(Int(now - 10_000))&until=\(Int(now - 3_600))")
                .decode(SpendReport.self)
            #expect(early.rows.map(\.name) == ["b"])
            #expect(early.rows.map(\.cost) == [100])

            // An ISO datetime, percent-encoded as `ctl spend --since` sends it.
            let iso = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: now - 1_800))
            let recent = try await send(
                client, "GET", "/v1/spend?by=key&since=\(iso.replacingOccurrences(of: ":", with: "%3A"))")
            #expect(recent.status == 200, "\(recent.text)")
            #expect(try recent.decode(SpendReport.self).total?.cost == 3.75)

            for (query, says) in [("by=planet", "by must be key, team, model, deployment or replica"),
                                  ("by=replica", "by replica needs a fleet's shared ledger"),
                                  ("since=yesterday-ish", "is not a time"), ("until=soon", "is not a time"),
                                  ("since=1h&until=2h", "until must be after since")] {
                let reply = try await send(client, "GET", "/v1/spend?\(query)")
                #expect(reply.status == 400, "\(query) → \(reply.text)")
                #expect(errorText(reply).contains(says), "\(query) → \(reply.text)")
            }
        }
    }

    @Test func keysTeamsBudgetsAndSpendSurviveARestart() async throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let first = try await GovernedControl.start(scratch)
        #expect(try await send(first.client, "POST", "/v1/teams", body: #"{"name":"search","rpm":50}"#).status == 201)
        let created = try await send(first.client, "POST", "/v1/keys",
                                     body: #"{"name":"load","team":"search","budget":{"limit":1000,"period":"total"}}"#)
        let secret = try created.decode(CreatedKey.self).secret
        #expect(try await send(first.client, "POST", "/v1/keys", body: #"{"name":"gone"}"#).status == 201)
        #expect(try await send(first.client, "POST", "/v1/keys/gone/revoke").status == 200)
        #expect(try await send(first.client, "PUT", "/v1/budgets",
                               body: #"{"scope":"team","name":"search","limit":40,"period":"daily"}"#).status == 200)
        // Two settled requests on the key, as the engine records them.
        for (id, cost) in [("q1", 1.25), ("q2", 0.5)] {
            try await first.service.writer.append(LedgerEntry(
                time: Date().timeIntervalSince1970, requestID: id, key: "load", team: "search", model: "gpt-4o",
                deployment: "gpt-4o/openai", inputTokens: 10, outputTokens: 5, cost: cost, costKnown: true, status: 200))
        }
        await first.stop()

        let second = try await GovernedControl.start(scratch)
        let keys = try await send(second.client, "GET", "/v1/keys").decode([KeyInfo].self)
        #expect(keys.map(\.name) == ["gone", "load"])
        #expect(keys.map(\.state) == [.revoked, .active])
        #expect(keys.last?.team == "search")
        let teams = try await send(second.client, "GET", "/v1/teams").decode([TeamInfo].self)
        #expect(teams.first { $0.name == "search" }?.rpm == 50)
        let budgets = try await send(second.client, "GET", "/v1/budgets").decode([BudgetInfo].self)
        let keyBudget = try #require(budgets.first { $0.budget.scope == .key("load") })
        #expect(keyBudget.budget.limit == 1000)
        #expect(abs(keyBudget.budget.spent - 1.75) < 1e-9)
        #expect(budgets.first { $0.budget.scope == .team("search") }?.budget.spent == 1.75)
        let report = try await send(second.client, "GET", "/v1/spend?by=key").decode(SpendReport.self)
        #expect(report.rows.map(\.name) == ["load"])
        #expect(report.total?.cost == 1.75)
        let principal = second.service.governor.authenticate(
            authorization: "Bearer \(secret)", apiKey: nil, now: Date().timeIntervalSince1970)
        #expect((try? principal.get())?.key == "load")
        // The audit log carries the governance changes across the restart too.
        let actions = try await send(second.client, "GET", "/v1/audit").decode([AuditRecord].self).map(\.action)
        #expect(actions == ["teams create search", "keys create load", "keys create gone", "keys revoke gone",
                            "budgets set team search daily"])
        await second.stop()
    }
}

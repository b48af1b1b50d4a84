import Foundation
@testable import SwitchyardControl
import SwitchyardControlAPI
import SwitchyardCore
import Testing

@Suite(.serialized) struct GovernanceTeamBudgetRouteTests {
    @Test func teamsAreCreatedUpdatedAndDeletedOnlyWhenUnused() async throws {
        try await GovernedControl.with { control in
            let client = control.client
            let created = try await send(client, "POST", "/v1/teams", body: #"{"name":"search","models":["gpt-4o"],"rpm":100}"#)
            #expect(created.status == 201, "\(created.text)")
            let updated = try await send(client, "POST", "/v1/teams", body: #"{"name":"search","rpm":200}"#)
            #expect(updated.status == 200)
            let typo = try await send(client, "POST", "/v1/teams", body: #"{"name":"search","models":["gpt-4"]}"#)
            #expect(typo.status == 400)
            #expect(errorText(typo).contains("unknown model group 'gpt-4'"))
            #expect(try updated.decode(TeamInfo.self).rpm == 200)
            #expect(try control.service.database.teams().first { $0.name == "search" }?.limits.rpm == 200)

            let teams = try await send(client, "GET", "/v1/teams").decode([TeamInfo].self)
            #expect(teams.map(\.name) == ["platform", "search"])
            #expect(teams.map(\.source) == [.config, .api])

            // In use by a key: refused, naming it.
            #expect(try await send(client, "POST", "/v1/keys", body: #"{"name":"search/bot","team":"search"}"#).status == 201)
            let inUse = try await send(client, "DELETE", "/v1/teams/search")
            #expect(inUse.status == 409)
            #expect(errorText(inUse).contains("search/bot"))
            #expect(try await send(client, "GET", "/v1/teams").decode([TeamInfo].self).first { $0.name == "search" }?.keys == 1)

            #expect(try await send(client, "POST", "/v1/teams", body: #"{"name":"spare"}"#).status == 201)
            let deleted = try await send(client, "DELETE", "/v1/teams/spare")
            #expect(deleted.status == 200, "\(deleted.text)")
            #expect(try control.service.database.teams().map(\.name) == ["search"])
            #expect(try await send(client, "DELETE", "/v1/teams/spare").status == 404)

            let actions = try await send(client, "GET", "/v1/audit").decode([AuditRecord].self).map(\.action)
            #expect(actions == ["teams create search", "teams update search", "keys create search/bot",
                                "teams create spare", "teams delete spare"])
        }
    }

    @Test func configOwnedTeamsAndBudgetsAreRefused() async throws {
        try await GovernedControl.with { control in
            let client = control.client
            let change = try await send(client, "POST", "/v1/teams", body: #"{"name":"platform","rpm":1}"#)
            #expect(change.status == 409)
            #expect(errorText(change).contains("defined in the config file"))
            let delete = try await send(client, "DELETE", "/v1/teams/platform")
            #expect(delete.status == 409)
            #expect(errorText(delete).contains("defined in the config file"))
            let budget = try await send(client, "PUT", "/v1/budgets", body: #"{"scope":"global","limit":1,"period":"monthly"}"#)
            #expect(budget.status == 409)
            #expect(errorText(budget).contains("defined in the config file"))
            let unbudget = try await send(client, "DELETE", "/v1/budgets", body: #"{"scope":"global","period":"monthly"}"#)
            #expect(unbudget.status == 409)
            // Unchanged.
            #expect(control.service.governor.teams().first?.limits.rpm == 1000)
            #expect(control.service.governor.budgets().map(\.limit) == [500])
            #expect(try await send(client, "GET", "/v1/audit").decode([AuditRecord].self).isEmpty)
            // A config budget's scope with another period is the API's to manage.
            #expect(try await send(client, "PUT", "/v1/budgets",
                                   body: #"{"scope":"global","limit":50,"period":"daily"}"#).status == 200)
        }
    }

    /// A budget made mid-period starts from what the ledger already holds for its scope in that period — not
    /// from $0 until the next restart — so it binds at once.
    @Test func aBudgetMadeAtRuntimeCountsThePeriodsLedgerSpendAtOnce() async throws {
        try await GovernedControl.with { control in
            let client = control.client
            let now = Date().timeIntervalSince1970
            for (i, cost) in [1.25, 2.0].enumerated() {
                try await control.service.ledger.append(LedgerEntry(
                    time: now - Double(i), requestID: "earlier-\(i)", key: "platform/app", team: "platform",
                    model: "gpt-4o", deployment: "gpt-4o/openai", inputTokens: 10, outputTokens: 10, cost: cost,
                    costKnown: true, status: 200))
            }
            // Last week's spend is not this day's.
            try await control.service.ledger.append(LedgerEntry(
                time: now - 8 * 86_400, requestID: "old", key: "platform/app", team: "platform", model: "gpt-4o",
                deployment: "gpt-4o/openai", inputTokens: 10, outputTokens: 10, cost: 100, costKnown: true, status: 200))
            let set = try await send(client, "PUT", "/v1/budgets",
                                     body: #"{"scope":"team","name":"platform","limit":3,"period":"daily"}"#)
            #expect(set.status == 200, "\(set.text)")
            let info = try set.decode(BudgetInfo.self)
            #expect(abs(info.budget.spent - 3.25) < 1e-9, "\(info.budget)")
            // Over its limit already: the next request of the team is refused.
            let verdict = control.service.governor.admit(
                GatewayRequest(id: "next", model: "gpt-4o", team: "platform", inputTokens: 1, maxOutputTokens: 1),
                estimatedCost: 0.001, now: now)
            guard case .rejected(let refusal) = verdict else { Issue.record("admitted: \(verdict)"); return }
            #expect(refusal.code == "budget_exceeded")
            // A key made with a budget starts from its own (empty) history.
            let key = try await send(client, "POST", "/v1/keys", body: #"{"name":"fresh","budget":{"limit":1,"period":"daily"}}"#)
            #expect(key.status == 201, "\(key.text)")
            #expect(try key.decode(CreatedKey.self).key.budgets.first?.spent == 0)
        }
    }

    @Test func limitsBeyondTheirBoundsAre400AndStatusStaysReadable() async throws {
        try await GovernedControl.with { control in
            let client = control.client
            // 1e308 plus any spend once made status, keys and budgets answer 500 (and the feed go silent).
            let huge = try await send(client, "PUT", "/v1/budgets", body: #"{"scope":"global","limit":1e308,"period":"daily"}"#)
            #expect(huge.status == 400, "\(huge.text)")
            #expect(errorText(huge).contains("from 0 to 1000000000000"), "\(huge.text)")
            let rpm = try await send(client, "POST", "/v1/teams", body: #"{"name":"flood","rpm":9223372036854775807}"#)
            #expect(rpm.status == 400, "\(rpm.text)")
            #expect(errorText(rpm).contains("rpm must be from 0 to 1000000000000"), "\(rpm.text)")
            let key = try await send(client, "POST", "/v1/keys", body: #"{"name":"k","budget":{"limit":1e300,"period":"daily"}}"#)
            #expect(key.status == 400, "\(key.text)")
            #expect(errorText(key).contains("from 0 to 1000000000000"), "\(key.text)")
            #expect(control.service.governor.keys().isEmpty)
            // At the bound, with spend burning at a vanishing rate, everything still answers.
            let atBound = try await send(client, "PUT", "/v1/budgets",
                                         body: #"{"scope":"global","limit":1000000000000,"period":"daily"}"#)
            #expect(atBound.status == 200, "\(atBound.text)")
            let now = Date().timeIntervalSince1970
            guard case .admitted(let ticket) = control.service.governor.admit(
                GatewayRequest(id: "r", model: "gpt-4o", inputTokens: 1, maxOutputTokens: 1), estimatedCost: 0, now: now)
            else { Issue.record("not admitted"); return }
            control.service.governor.settle(ticket, charge: SettledCharge(cost: 1e-300, inputTokens: 1, outputTokens: 1), now: now)
            for path in ["/v1/status", "/v1/budgets", "/v1/keys", "/v1/spend"] {
                let reply = try await send(client, "GET", path)
                #expect(reply.status == 200, "\(path): \(reply.text)")
            }
        }
    }

    @Test func aKeyCannotBringABudgetTheConfigDefines() async throws {
        let configured = GovernedControl.configBudgets + [BudgetSpec(scope: .key("load"), limit: 5, period: .total)]
        try await GovernedControl.with(budgets: configured) { control in
            let refused = try await send(control.client, "POST", "/v1/keys",
                                         body: #"{"name":"load","budget":{"limit":1000,"period":"total"}}"#)
            #expect(refused.status == 409, "\(refused.text)")
            #expect(errorText(refused).contains("defined in the config file"))
            #expect(control.service.governor.keys().isEmpty)
            #expect(control.service.governor.budgets().first { $0.scope == .key("load") }?.limit == 5)
            // Without a budget of its own the key is made, and the config's budget applies to it.
            let created = try await send(control.client, "POST", "/v1/keys", body: #"{"name":"load"}"#)
            #expect(created.status == 201)
            let budgets = try created.decode(CreatedKey.self).key.budgets
            #expect(budgets.map(\.limit) == [5])
        }
    }

    @Test func budgetsAreSetListedAndDeleted() async throws {
        try await GovernedControl.with { control in
            let client = control.client
            #expect(try await send(client, "POST", "/v1/teams", body: #"{"name":"search"}"#).status == 201)
            let set = try await send(client, "PUT", "/v1/budgets",
                                     body: #"{"scope":"team","name":"search","limit":25,"period":"weekly","downgrade_to":"gpt-4o-mini"}"#)
            #expect(set.status == 200, "\(set.text)")
            let info = try set.decode(BudgetInfo.self)
            #expect(info.budget.scope == .team("search") && info.budget.limit == 25 && info.source == .api)
            #expect(info.budget.downgradeTo == "gpt-4o-mini")
            let clamp = try await send(client, "PUT", "/v1/budgets",
                                       body: #"{"scope":"model","name":"gpt-4o","limit":10,"period":"daily","policy":"clamp"}"#)
            #expect(clamp.status == 200, "\(clamp.text)")
            #expect(try clamp.decode(BudgetInfo.self).budget.policy == .clamp)
            // Changing the limit replaces it.
            #expect(try await send(client, "PUT", "/v1/budgets",
                                   body: #"{"scope":"team","name":"search","limit":30,"period":"weekly"}"#).status == 200)

            let listed = try await send(client, "GET", "/v1/budgets")
            let budgets = try listed.decode([BudgetInfo].self)
            #expect(budgets.map(\.budget.scope) == [.global, .team("search"), .model("gpt-4o")])
            #expect(budgets.map(\.source) == [.config, .api, .api])
            #expect(budgets.map(\.budget.limit) == [500, 30, 10])
            #expect(budgets.map(\.budget.policy) == [.refuse, .refuse, .clamp])
            // Flat snapshots: the scope as Swift encodes the enum, and a numeric spent.
            let raw = try #require(try JSONSerialization.jsonObject(with: listed.body) as? [[String: Any]])
            #expect((raw[1]["scope"] as? [String: Any])?["team"] != nil)
            #expect(raw[1]["spent"] is NSNumber)
            #expect(raw[1]["source"] as? String == "api")
            #expect(try control.service.database.budgets().count == 2)
            #expect(try control.service.database.budgets().first { $0.scope == .model("gpt-4o") }?.policy == .clamp)

            let deleted = try await send(client, "DELETE", "/v1/budgets", body: #"{"scope":"model","name":"gpt-4o","period":"daily"}"#)
            #expect(deleted.status == 200, "\(deleted.text)")
            #expect(try control.service.database.budgets().map(\.scope) == [.team("search")])
            let again = try await send(client, "DELETE", "/v1/budgets", body: #"{"scope":"model","name":"gpt-4o","period":"daily"}"#)
            #expect(again.status == 404)
            #expect(errorText(again).contains("no daily budget for model gpt-4o"))

            // A team with a budget cannot go.
            let busy = try await send(client, "DELETE", "/v1/teams/search")
            #expect(busy.status == 409)
            #expect(errorText(busy).contains("budgets"))

            let actions = try await send(client, "GET", "/v1/audit").decode([AuditRecord].self).map(\.action)
            #expect(actions.filter { $0.hasPrefix("budgets") } == [
                "budgets set team search weekly", "budgets set model gpt-4o daily", "budgets set team search weekly",
                "budgets delete model gpt-4o daily",
            ])
        }
    }

    @Test func badBudgetRequestsAreRefusedWithTheirReason() async throws {
        try await GovernedControl.with { control in
            let cases: [(method: String, body: String, status: Int, says: String)] = [
                ("PUT", #"{"scope":"team","name":"ghosts","limit":5,"period":"daily"}"#, 400, "no team named 'ghosts'"),
                ("PUT", #"{"scope":"key","name":"nobody","limit":5,"period":"daily"}"#, 400, "no key named 'nobody'"),
                ("PUT", #"{"scope":"global","limit":-1,"period":"daily"}"#, 400, "limit must be a number of dollars"),
                ("PUT", #"{"scope":"global","limit":"ten","period":"daily"}"#, 400, "'limit' must be a number"),
                ("PUT", #"{"scope":"global","period":"daily"}"#, 400, "needs a limit"),
                ("PUT", #"{"scope":"planet","limit":1,"period":"daily"}"#, 400, "scope must be global, team, key or model"),
                ("PUT", #"{"scope":"team","limit":1,"period":"daily"}"#, 400, "needs the team's name"),
                ("PUT", #"{"scope":"global","name":"x","limit":1,"period":"daily"}"#, 400, "takes no name"),
                ("PUT", #"{"scope":"global","limit":1,"period":"hourly"}"#, 400, "period must be daily"),
                ("PUT", #"{"scope":"model","name":"gpt-4o","limit":1,"period":"daily","downgrade_to":"gpt-4o"}"#, 400, "same model"),
                ("PUT", #"{"scope":"model","name":"gpt-5","limit":1,"period":"daily"}"#, 400, "unknown model group 'gpt-5'"),
                ("PUT", #"{"scope":"global","limit":1,"period":"daily","downgrade_to":"gpt4o-mini"}"#, 400, "downgrade_to: unknown model group"),
                ("PUT", #"{"scope":"global","limit":1,"period":"daily","policy":"shrink"}"#, 400, "policy must be refuse or clamp"),
                ("DELETE", #"{"scope":"global"}"#, 400, "missing field 'period'"),
            ]
            for (method, body, status, says) in cases {
                let reply = try await send(control.client, method, "/v1/budgets", body: body)
                #expect(reply.status == status, "\(body) → \(reply.status) \(reply.text)")
                #expect(errorText(reply).contains(says), "\(body) → \(reply.text)")
            }
            #expect(control.service.governor.budgets().count == 1)
            #expect(try control.service.database.budgets().isEmpty)
        }
    }
}

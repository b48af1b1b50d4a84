import Foundation
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardGovernance
import Testing

/// `switchyard ctl keys|teams|budgets|spend` as an operator runs them: the built binary against a governed
/// control plane, checking exit statuses (0 done, 1 refused, 2 usage) and what is printed.
@Suite(.serialized) struct GovernanceCtlTests {
    @Test func keysCommandsPrintTheSecretOnceAndExitByOutcome() async throws {
        try await GovernedControl.with { control in
            let socket = control.running.socketPath
            let create = try await ctl(socket, [
                "keys", "create", "--name", "platform/ci", "--team", "platform", "--models", "gpt-4o,gpt-4o-mini",
                "--rpm", "60", "--budget", "25", "--period", "weekly", "--downgrade-to", "gpt-4o-mini",
                "--expires", "30d", "--meta", "owner=alice", "--meta", "ticket=OPS-1",
            ])
            #expect(create.status == 0, "\(create.stdout)\(create.stderr)")
            let match = try #require(create.stdout.firstMatch(of: /sk-sy-[A-Za-z0-9]+/))
            let secret = String(match.output)
            #expect(KeyMint.isWellFormed(secret), "the first secret-like text must be the whole secret: \(create.stdout)")
            #expect(create.stdout.contains("cannot be shown again"))
            let stored = try #require(control.service.governor.keys().first)
            #expect(stored.hash == KeyMint.hash(secret))
            #expect(stored.models == ["gpt-4o", "gpt-4o-mini"])
            #expect(stored.metadata == ["owner": "alice", "ticket": "OPS-1"])
            #expect(stored.expiresAt.map { $0 > Date().timeIntervalSince1970 + 29 * 86_400 } == true)
            #expect(control.service.governor.budgets().contains { $0.scope == .key("platform/ci") && $0.limit == 25 })

            let duplicate = try await ctl(socket, ["keys", "create", "--name", "platform/ci"])
            #expect(duplicate.status == 1)
            #expect(duplicate.stderr.contains("already exists"), "\(duplicate.stderr)")
            let unknownTeam = try await ctl(socket, ["keys", "create", "--name", "x", "--team", "ghosts"])
            #expect(unknownTeam.status == 1)
            #expect(unknownTeam.stderr.contains("no team named 'ghosts'"))
            #expect(try await ctl(socket, ["keys", "create", "--name", "x", "--budget", "lots"]).status == 2)
            #expect(try await ctl(socket, ["keys", "create", "--name", "x", "--expires", "someday"]).status == 2)
            #expect(try await ctl(socket, ["keys", "create", "--name", "x", "--meta", "novalue"]).status == 2)
            #expect(try await ctl(socket, ["keys", "create", "--name", "x", "--period", "weekly"]).status == 2)
            #expect(control.service.governor.keys().count == 1)

            let list = try await ctl(socket, ["keys", "list"])
            #expect(list.status == 0)
            #expect(list.stdout.contains("platform/ci") && list.stdout.contains(stored.prefix))
            #expect(list.stdout.contains("$0.00/$25.00 weekly"), "\(list.stdout)")
            #expect(!list.stdout.contains(secret))
            let json = try await ctl(socket, ["keys", "list", "--json"])
            #expect(try ControlJSON.decode([KeyInfo].self, from: Data(json.stdout.utf8)).map(\.name) == ["platform/ci"])
            let show = try await ctl(socket, ["keys", "show", "platform/ci"])
            #expect(show.status == 0)
            #expect(show.stdout.contains("state:") && show.stdout.contains("active"))
            #expect(show.stdout.contains("meta:") && show.stdout.contains("owner=alice"))

            let revoke = try await ctl(socket, ["keys", "revoke", "platform/ci"])
            #expect(revoke.status == 0, "\(revoke.stderr)")
            #expect(revoke.stdout.contains("Revoked key 'platform/ci'"))
            let missing = try await ctl(socket, ["keys", "revoke", "nope"])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no key named 'nope'"))
        }
    }

    @Test func teamsBudgetsAndSpendCommands() async throws {
        try await GovernedControl.with { control in
            let socket = control.running.socketPath
            let create = try await ctl(socket, ["teams", "create", "search", "--rpm", "5", "--models", "gpt-4o"])
            #expect(create.status == 0, "\(create.stderr)")
            #expect(create.stdout.contains("Created team 'search'"))
            #expect(try await ctl(socket, ["teams", "create", "search", "--rpm", "6"]).stdout.contains("Updated team"))
            let configTeam = try await ctl(socket, ["teams", "delete", "platform"])
            #expect(configTeam.status == 1)
            #expect(configTeam.stderr.contains("defined in the config file"))
            let teams = try await ctl(socket, ["teams", "list"])
            #expect(teams.stdout.contains("SOURCE") && teams.stdout.contains("config") && teams.stdout.contains("search"))

            let set = try await ctl(socket, ["budgets", "set", "team", "search", "--limit", "10", "--period", "daily"])
            #expect(set.status == 0, "\(set.stderr)")
            #expect(set.stdout.contains("team search daily: $10.00"))
            #expect(try await ctl(socket, ["budgets", "set", "planet", "--limit", "1"]).status == 2)
            #expect(try await ctl(socket, ["budgets", "set", "global", "--limit", "-1"]).status == 2)
            #expect(try await ctl(socket, ["budgets", "set", "team", "ghosts", "--limit", "1"]).status == 1)
            let listed = try await ctl(socket, ["budgets", "list", "--json"])
            let array = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            let team = try #require(array.first { ($0["scope"] as? [String: Any])?["team"] != nil })
            #expect((team["scope"] as? [String: [String: String]])?["team"]?["_0"] == "search")
            #expect(team["spent"] is NSNumber)
            let table = try await ctl(socket, ["budgets", "list"])
            #expect(table.stdout.contains("team search") && table.stdout.contains("global"))
            #expect(try await ctl(socket, ["budgets", "delete", "team", "search", "--period", "daily"]).status == 0)
            let again = try await ctl(socket, ["budgets", "delete", "team", "search", "--period", "daily"])
            #expect(again.status == 1)
            #expect(again.stderr.contains("no daily budget"))
            #expect(try await ctl(socket, ["teams", "delete", "search"]).status == 0)

            try await control.service.writer.append(LedgerEntry(
                time: Date().timeIntervalSince1970, requestID: "r1", key: "k, with comma", team: nil, model: "gpt-4o",
                deployment: "gpt-4o/openai", inputTokens: 10, outputTokens: 5, cost: 0.5, costKnown: true, status: 200))
            let csv = try await ctl(socket, ["spend", "--by", "key", "--since", "24h", "--csv"])
            #expect(csv.status == 0, "\(csv.stderr)")
            #expect(csv.stdout.split(separator: "\n").first == "key,requests,errors,input_tokens,output_tokens,cost,unpriced,first_time,last_time")
            #expect(csv.stdout.contains("\"k, with comma\",1,0,10,5,0.5,0,"))
            let spend = try await ctl(socket, ["spend", "--by", "model"])
            #expect(spend.stdout.contains("gpt-4o") && spend.stdout.contains("TOTAL") && spend.stdout.contains("$0.50"))
            #expect(try await ctl(socket, ["spend", "--by", "planet"]).status == 2)
            #expect(try await ctl(socket, ["spend", "--since", "whenever"]).status == 2)
        }
    }
}

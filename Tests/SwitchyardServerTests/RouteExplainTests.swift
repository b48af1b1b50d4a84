import Foundation
@testable import SwitchyardControl
import SwitchyardControlAPI
import SwitchyardCore
@testable import SwitchyardGateway
import SwitchyardGovernance
import SwitchyardSim
import Testing

/// `POST /v1/route/explain` and `ctl route explain`: the decision for a request body, no upstream called.
@Suite(.serialized) struct RouteExplainTests {
    private func withServer(_ body: (ControlClient, String) async throws -> Void) async throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let setup = DemoCatalog.make()
        var catalog = setup.catalog
        catalog.taskRouting = TaskRoutingSpec(
            models: [TaskModelSpec(name: "auto", tasks: ["chat": "gpt-4o-mini", "code": "claude-sonnet", "research": "gpt-4o"])],
            rules: [TaskRuleSpec(task: "legal", keywords: ["indemnification"]),
                    TaskRuleSpec(task: "research", keyMetadata: ["workload": "research"])],
            teamTasks: ["support": ["code": ["gpt-4o"]]])
        let clock = SystemClock()
        let engine = try GatewayEngine(
            catalog: catalog, transport: SimulatedTransport(catalog: catalog, timeline: .demo, clock: clock, seed: 1),
            clock: clock)
        let governance = try GovernanceService.open(
            policy: GovernancePolicy(auth: .keys), teams: [TeamSpec(name: "support")], budgets: [], stateDirectory: nil,
            now: Date().timeIntervalSince1970)
        for (name, team, metadata) in [("lab", nil, ["workload": "research"]), ("agent", "support", [:])] as [(String, String?, [String: String])] {
            let minted = KeyMint.generate()
            try governance.governor.addKey(VirtualKeyRecord(
                name: name, hash: minted.hash, prefix: minted.prefix, team: team, createdAt: 0, metadata: metadata))
        }
        let running = try await RunningControl.start(
            ControlServer(engine: engine, governance: governance, socketPath: scratch.socketPath, info: { controlTestInfo }))
        do {
            try await body(running.client, scratch.socketPath)
        } catch {
            await running.stop()
            throw error
        }
        #expect(engine.snapshot(info: controlTestInfo).totals.totalRequests == 0, "explaining must not route anything")
        await running.stop()
    }

    private static let codeBody = #"{"model":"auto","messages":[{"role":"user","content":"```swift\nlet x = 1\n```\nwhy?"}]}"#

    @Test func explainsTheTaskTheGroupAndWhy() async throws {
        try await withServer { client, _ in
            let reply = try await send(client, "POST", ControlPath.routeExplain, body: Self.codeBody)
            #expect(reply.status == 200, "\(reply.text)")
            let explanation = try ControlJSON.decode(RouteExplanation.self, from: reply.body)
            #expect(explanation.task == "code" && explanation.source == "detected")
            #expect(explanation.reason == "fenced code")
            #expect(explanation.group == "claude-sonnet" && explanation.via == "auto's code entry")

            let team = try await send(client, "POST", ControlPath.query(ControlPath.routeExplain, [("team", "support")]),
                                      body: Self.codeBody)
            #expect(try ControlJSON.decode(RouteExplanation.self, from: team.body).group == "gpt-4o")

            let anthropic = try await send(
                client, "POST", ControlPath.query(ControlPath.routeExplain, [("format", "anthropic"), ("task", "vision")]),
                body: #"{"model":"auto","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}"#)
            let named = try ControlJSON.decode(RouteExplanation.self, from: anthropic.body)
            #expect(named.task == "vision" && named.source == "explicit")
            #expect(named.group == "gpt-4o-mini" && named.via.contains("no vision entry"))
        }
    }

    @Test func aKeyBringsItsTeamAndMetadata() async throws {
        try await withServer { client, _ in
            let path = { (key: String) in ControlPath.query(ControlPath.routeExplain, [("key", key)]) }
            let lab = try await send(client, "POST", path("lab"),
                                     body: #"{"model":"auto","messages":[{"role":"user","content":"hello"}]}"#)
            let research = try ControlJSON.decode(RouteExplanation.self, from: lab.body)
            #expect(research.task == "research" && research.group == "gpt-4o", "\(lab.text)")
            #expect(research.reason == "rule research: key metadata workload=research")
            let agent = try await send(client, "POST", path("agent"), body: Self.codeBody)
            #expect(try ControlJSON.decode(RouteExplanation.self, from: agent.body).group == "gpt-4o", "the team's map")
            let nobody = try await send(client, "POST", path("nobody"), body: Self.codeBody)
            #expect(nobody.status == 404 && nobody.errorMessage == "no key named 'nobody'", "\(nobody.text)")
        }
    }

    @Test func refusesWhatItCannotExplain() async throws {
        try await withServer { client, _ in
            let plain = try await send(client, "POST", ControlPath.routeExplain,
                                       body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#)
            #expect(plain.status == 400)
            #expect(plain.errorMessage?.contains("not routed by task; task models: auto") == true, "\(plain.text)")
            let broken = try await send(client, "POST", ControlPath.routeExplain, body: "{")
            #expect(broken.status == 400)
            #expect(broken.errorMessage?.contains("not a openai request body") == true, "\(broken.text)")
        }
    }

    @Test func ctlPrintsTheDecision() async throws {
        try await withServer { _, socket in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("explain-\(UUID().uuidString).json")
            try Data(#"{"model":"auto","messages":[{"role":"user","content":"Check the indemnification clause"}]}"#.utf8)
                .write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let run = try await ctl(socket, ["route", "explain", file.path])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("model     auto → gpt-4o-mini (auto's chat entry (no legal entry))"), "\(run.stdout)")
            #expect(run.stdout.contains("task      legal (rule: rule legal: keyword \"indemnification\" in the user message)"),
                    "\(run.stdout)")
            let missing = try await ctl(socket, ["route", "explain", "/nonexistent/body.json"])
            #expect(missing.status == 2 || missing.status == 64, "\(missing.status) \(missing.stderr)")
            #expect(missing.stderr.contains("cannot read /nonexistent/body.json"), "\(missing.stderr)")
        }
    }
}

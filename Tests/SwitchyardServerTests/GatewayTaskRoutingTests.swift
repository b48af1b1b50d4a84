import Foundation
import SwitchyardCore
@testable import SwitchyardGateway
import SwitchyardGovernance
import SwitchyardJSON
import Testing

/// `auto` through the real HTTP ingress: each request served by its task's group, the task said in
/// `x-switchyard-task`, a team's own map, permissions on the name the client sent, and the routing metadata
/// kept from the upstream.
@Suite struct GatewayTaskRoutingTests {
    static func yaml(_ bases: [String]) -> String {
        """
        listen: 127.0.0.1:0
        governance: { auth: keys, default_max_tokens: 100 }
        teams:
          - { name: support, tasks: { chat: fast, code: fast } }
          - { name: outsiders, models: [fast] }
        providers:
          - { name: only, kind: openai-compatible, base_url: "\(bases[0])/v1" }
        models:
          - name: fast
            deployments: [{ provider: only, model: gpt-4o-mini, price: { input: 0.15, output: 0.6 } }]
          - name: coder
            deployments: [{ provider: only, model: gpt-4.1, price: { input: 2, output: 8 } }]
          - name: smart
            deployments: [{ provider: only, model: o3, price: { input: 2, output: 8 } }]
          - name: auto
            strategy: task
            tasks: { chat: fast, code: coder, reasoning: smart, legal: smart }
        task_routing:
          rules:
            - { task: legal, keywords: [indemnification, "governing law"] }
            - { task: reasoning, key_metadata: { workload: research } }
        """
    }

    private static let codeContent = #"Why does this fail?\n```python\nprint(1/0)\n```"#

    @Test func eachTaskIsServedByItsGroupAndSaysSo() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml, governed: true) { gw in
            let secret = try GatewayGovernanceTests.addKey(try #require(gw.governance), name: "dev")
            let auth = [("authorization", "Bearer \(secret)")]
            let cases: [(content: String, task: String, group: String)] = [
                ("Hi! Where is my parcel?", "chat", "fast"),
                (Self.codeContent, "code", "coder"),
                ("Prove that the square root of 2 is irrational.", "reasoning", "smart"),
                ("Summarise the indemnification clause.", "legal", "smart"),
            ]
            for c in cases {
                let response = try await gw.post("/v1/chat/completions", chatBody(model: "auto", content: c.content), headers: auth)
                #expect(response.status == 200, "\(c.content): \(response.text)")
                #expect(response.headers.first(name: "x-switchyard-task") == c.task, "\(c.content)")
                #expect(response.headers.first(name: "x-switchyard-model") == c.group, "\(c.content)")
            }
            // A stream says its task too, in its head.
            let stream = try await gw.post("/v1/chat/completions", chatBody(model: "auto", stream: true, content: Self.codeContent),
                                           headers: auth)
            #expect(stream.headers.first(name: "x-switchyard-task") == "code")
            // Clients listing or retrieving models see `auto` beside the groups.
            let listed = try await gw.send(.GET, "/v1/models", headers: auth)
            #expect(listed.text.contains(#""id":"auto""#), "\(listed.text)")
            #expect(try await gw.send(.GET, "/v1/models/auto", headers: auth).status == 200)
            // A plain model group is not task-routed: no task header.
            let plain = try await gw.post("/v1/chat/completions", chatBody(model: "fast"), headers: auth)
            #expect(plain.headers.first(name: "x-switchyard-task") == nil)
        }
    }

    @Test func theClientCanNameTheTaskAndTheUpstreamNeverSeesIt() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml, governed: true) { gw in
            let secret = try GatewayGovernanceTests.addKey(try #require(gw.governance), name: "dev")
            let byHeader = try await gw.post("/v1/chat/completions", chatBody(model: "auto"),
                                             headers: [("authorization", "Bearer \(secret)"), ("x-switchyard-task", "reasoning")])
            #expect(byHeader.headers.first(name: "x-switchyard-task") == "reasoning")
            #expect(byHeader.headers.first(name: "x-switchyard-model") == "smart")
            let byMetadata = try await gw.post(
                "/v1/chat/completions", chatBody(model: "auto", extra: #","metadata":{"task":"code","ticket":"T-1"}"#),
                headers: [("authorization", "Bearer \(secret)")])
            #expect(byMetadata.headers.first(name: "x-switchyard-task") == "code")
            let sent = try #require(gw.sims[0].server.recentRequests.last?.json)
            #expect(sent["model"]?.stringValue == "gpt-4.1")
            #expect(sent["metadata"]?["task"] == nil)
            #expect(sent["metadata"]?["ticket"]?.stringValue == "T-1")
        }
    }

    @Test func aTeamsOwnMapWinsAndPermissionsAreOnAuto() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml, governed: true) { gw in
            let governance = try #require(gw.governance)
            let support = try GatewayGovernanceTests.addKey(governance, name: "agent", team: "support")
            let code = try await gw.post("/v1/chat/completions", chatBody(model: "auto", content: Self.codeContent),
                                         headers: [("authorization", "Bearer \(support)")])
            #expect(code.headers.first(name: "x-switchyard-task") == "code")
            #expect(code.headers.first(name: "x-switchyard-model") == "fast")
            // Reasoning has no entry in the team's map: the model's own entry serves it.
            let proof = try await gw.post("/v1/chat/completions", chatBody(model: "auto", content: "Prove that 7 is prime."),
                                          headers: [("authorization", "Bearer \(support)")])
            #expect(proof.headers.first(name: "x-switchyard-model") == "smart")
            // A team allowed only `fast` may not use `auto`, even when `auto` would route it to `fast`.
            let outsider = try GatewayGovernanceTests.addKey(governance, name: "guest", team: "outsiders")
            let refused = try await gw.post("/v1/chat/completions", chatBody(model: "auto"),
                                            headers: [("authorization", "Bearer \(outsider)")])
            #expect(refused.status == 403, "\(refused.text)")
            #expect(refused.text.contains("auto"), "\(refused.text)")
        }
    }
}

extension GatewayTaskRoutingTests {
    @Test func theSnapshotTalliesEachTaskWithWhatRoutingSaved() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml, governed: true) { gw in
            let secret = try GatewayGovernanceTests.addKey(try #require(gw.governance), name: "dev")
            let auth = [("authorization", "Bearer \(secret)")]
            for content in ["Hello there", "Where is my order?", Self.codeContent] {
                let response = try await gw.post("/v1/chat/completions", chatBody(model: "auto", content: content), headers: auth)
                #expect(response.status == 200)
            }
            let rows = try #require(gw.engine.snapshot(info: controlTestInfo).routing)
            let chat = try #require(rows.first { $0.task == "chat" })
            #expect(chat.model == "auto" && chat.requests == 2 && chat.perMinute == 2)
            #expect(chat.group == "fast" && chat.deployment == "fast/only")
            // fast costs a tenth of the dearest group the model routes to (smart and coder): most of it is saved.
            #expect(chat.cost > 0 && chat.mostExpensiveCost > 10 * chat.cost * 0.9, "\(chat)")
            // Rows come in the tasks' order of precedence.
            #expect(rows.map(\.task) == ["code", "chat"])
        }
    }
}

extension GatewayTaskRoutingTests {
    @Test func aRuleOnKeyMetadataRoutesThatKeysRequests() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml, governed: true) { gw in
            let governance = try #require(gw.governance)
            let minted = KeyMint.generate()
            try governance.governor.addKey(VirtualKeyRecord(
                name: "lab", hash: minted.hash, prefix: minted.prefix, team: nil, models: nil, limits: RateLimits(),
                createdAt: Date().timeIntervalSince1970, metadata: ["workload": "research"]))
            let plain = try GatewayGovernanceTests.addKey(governance, name: "desk")
            let research = try await gw.post("/v1/chat/completions", chatBody(model: "auto", content: "Hello"),
                                              headers: [("authorization", "Bearer \(minted.secret)")])
            #expect(research.headers.first(name: "x-switchyard-task") == "reasoning")
            #expect(research.headers.first(name: "x-switchyard-model") == "smart")
            let other = try await gw.post("/v1/chat/completions", chatBody(model: "auto", content: "Hello"),
                                          headers: [("authorization", "Bearer \(plain)")])
            #expect(other.headers.first(name: "x-switchyard-task") == "chat")
        }
    }
}

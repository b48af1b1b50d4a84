import Foundation
import SwitchyardCore
@testable import SwitchyardGateway
import SwitchyardGovernance
import SwitchyardSim
import Testing

/// Keys, limits and budgets through the real HTTP ingress: what a client sends and what it gets back.
@Suite struct GatewayGovernanceTests {
    /// A key for `governor`, created as `ctl keys create` would; returns its secret.
    static func addKey(
        _ governance: GovernanceService, name: String, team: String? = nil, models: [String]? = nil,
        limits: RateLimits = RateLimits()
    ) throws -> String {
        let minted = KeyMint.generate()
        try governance.governor.addKey(VirtualKeyRecord(
            name: name, hash: minted.hash, prefix: minted.prefix, team: team, models: models, limits: limits,
            createdAt: Date().timeIntervalSince1970))
        return minted.secret
    }

    static func yaml(_ bases: [String]) -> String {
        """
        listen: 127.0.0.1:0
        governance: { auth: keys, default_max_tokens: 100 }
        teams:
          - { name: team-a }
        providers:
          - { name: only, kind: openai-compatible, base_url: "\(bases[0])/v1" }
        models:
          - name: chat
            deployments: [{ provider: only, model: gpt-4o, price: { input: 2.5, output: 10 } }]
          - name: cheap
            deployments: [{ provider: only, model: gpt-4o-mini, price: { input: 0.15, output: 0.6 } }]
        """
    }

    @Test func requestsAtAKnownRateAreAdmittedUpToTheRPMLimit() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml, governed: true) { gw in
            let governance = try #require(gw.governance)
            let secret = try Self.addKey(governance, name: "paced", limits: RateLimits(rpm: 12))
            // 24 requests at 4 per second: the first 12 fit in the minute, the other 12 are refused.
            var statuses: [Int] = []
            var lastRefusal: SimulatorTestResponse?
            let start = ContinuousClock.now
            for i in 0..<24 {
                try await Task.sleep(until: start + .milliseconds(250 * i))
                let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat", extra: #","max_tokens":5"#),
                                                  headers: [("authorization", "Bearer \(secret)")])
                statuses.append(response.status)
                if response.status == 429 { lastRefusal = response }
            }
            #expect(statuses.filter { $0 == 200 }.count == 12, "statuses: \(statuses)")
            #expect(statuses.prefix(12).allSatisfy { $0 == 200 }, "statuses: \(statuses)")
            let refusal = try #require(lastRefusal)
            #expect(refusal.headers.first(name: "x-ratelimit-limit-requests") == "12")
            #expect(refusal.headers.first(name: "x-ratelimit-remaining-requests") == "0")
            // The oldest request leaves the window about 60 s after it was sent, ~6 s before this refusal.
            let retryAfter = try #require(refusal.headers.first(name: "retry-after").flatMap(Int.init))
            #expect((50...61).contains(retryAfter), "retry-after \(retryAfter)")
            #expect(refusal.text.contains("requests per minute"), "\(refusal.text)")
        }
    }

    @Test func keysAreCheckedBeforeAnythingElse() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml, governed: true) { gw in
            let governance = try #require(gw.governance)
            let secret = try Self.addKey(governance, name: "revokable", team: "team-a")
            let body = chatBody(model: "chat")
            let missing = try await gw.post("/v1/chat/completions", body)
            #expect(missing.status == 401)
            #expect(missing.headers.first(name: "www-authenticate") == "Bearer")
            let malformed = try await gw.post("/v1/chat/completions", body, headers: [("authorization", "Basic dXNlcjpwYXNz")])
            #expect(malformed.status == 401)
            #expect(malformed.text.contains("Bearer"), "\(malformed.text)")
            // Unauthenticated bodies are not even parsed: broken JSON still gets the 401.
            let broken = try await gw.post("/v1/chat/completions", "{", headers: [("authorization", "Bearer sk-sy-nope")])
            #expect(broken.status == 401)
            let ok = try await gw.post("/v1/chat/completions", body, headers: [("authorization", "Bearer \(secret)")])
            #expect(ok.status == 200, "\(ok.text)")
            let id = try #require(ok.headers.first(name: "x-request-id"))
            let record = try #require(try await gw.awaitRecord(id))
            #expect(record.key == "revokable" && record.team == "team-a")
            try governance.governor.revokeKey(name: "revokable", at: Date().timeIntervalSince1970)
            let revoked = try await gw.post("/v1/chat/completions", body, headers: [("x-api-key", secret)])
            #expect(revoked.status == 401)
            #expect(revoked.text.contains("revoked"), "\(revoked.text)")
            #expect(!revoked.text.contains(secret))
        }
    }

    /// A $0.0002 budget and a request that may cost 50× that: refused up front, not charged 31× the limit.
    @Test func aRequestTheBudgetCannotCoverIsRefusedBeforeItRuns() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml, governed: true) { gw in
            let governance = try #require(gw.governance)
            let secret = try Self.addKey(governance, name: "tiny")
            try governance.governor.setBudget(BudgetSpec(scope: .key("tiny"), limit: 0.0002, period: .total))
            let auth = [("authorization", "Bearer \(secret)")]
            let big = try await gw.post("/v1/chat/completions", chatBody(model: "chat", extra: #","max_tokens":100000"#),
                                        headers: auth)
            #expect(big.status == 429, "\(big.text)")
            #expect(big.text.contains("budget cannot cover this request"), "\(big.text)")
            #expect(try await gw.sims[0].stats().requests == 0)
            // A request that fits its worst case runs, and spend stays under the limit.
            let small = try await gw.post("/v1/chat/completions", chatBody(model: "chat", extra: #","max_tokens":5"#),
                                          headers: auth)
            #expect(small.status == 200, "\(small.text)")
            let spent = governance.governor.budgetSnapshots(now: Date().timeIntervalSince1970)
                .first { $0.scope == .key("tiny") }?.spent ?? .infinity
            #expect(spent <= 0.0002, "spent \(spent)")
        }
    }

    /// A `clamp` budget runs the same request with its max_tokens lowered to what the budget can pay for, tells
    /// the client in a header, sends the upstream the lowered ceiling, and keeps spend within the limit.
    @Test func aClampBudgetLowersMaxTokensInsteadOfRefusing() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml, governed: true) { gw in
            let governance = try #require(gw.governance)
            let secret = try Self.addKey(governance, name: "clamped")
            try governance.governor.setBudget(
                BudgetSpec(scope: .key("clamped"), limit: 0.01, period: .total, policy: .clamp))
            let auth = [("authorization", "Bearer \(secret)")]
            // $10 per million output tokens: $0.01 pays for just under 1,000 of them after the prompt.
            let chat = try await gw.post(
                "/v1/chat/completions", chatBody(model: "chat", extra: #","max_tokens":100000"#), headers: auth)
            #expect(chat.status == 200, "\(chat.text)")
            let header = try #require(chat.headers.first(name: "x-switchyard-budget-clamp"))
            #expect(header.hasSuffix(#"; requested=100000; budget="key clamped total budget $0.010""#), "\(header)")
            let clamped = try #require(header.split(separator: ";").first.flatMap { Int($0.dropFirst("max_tokens=".count)) })
            #expect((900..<1000).contains(clamped), "\(header)")
            let upstream = try #require(gw.sims[0].server.recentRequests.last?.json)
            #expect(upstream["max_tokens"]?.intValue == clamped, "\(upstream)")

            let messages = try await gw.post(
                "/v1/messages",
                #"{"model":"chat","max_tokens":50000,"messages":[{"role":"user","content":"Say hello"}]}"#,
                headers: auth)
            #expect(messages.status == 200, "\(messages.text)")
            #expect(messages.headers.first(name: "x-switchyard-budget-clamp")?.contains("requested=50000") == true)
            let second = try #require(gw.sims[0].server.recentRequests.last?.json)
            #expect((second["max_tokens"]?.intValue ?? .max) < clamped, "\(second)")

            let spent = governance.governor.budgetSnapshots(now: Date().timeIntervalSince1970)
                .first { $0.scope == .key("clamped") }?.spent ?? .infinity
            #expect(spent > 0 && spent <= 0.01, "spent \(spent)")
        }
    }

    @Test func aStreamIsChargedBeforeItsTerminatorIsSent() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml, governed: true) { gw in
            let governance = try #require(gw.governance)
            let secret = try Self.addKey(governance, name: "streamer")
            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true),
                                             headers: [("authorization", "Bearer \(secret)")])
            #expect(stream.failure == nil && stream.events.last?.isDone == true, "events: \(stream.events.suffix(2))")
            // By the time the client has [DONE], the ledger holds the request with its cost.
            let spent = try await governance.database.spent([SpendQuery(scope: .key("streamer"), since: 0)])
            #expect((spent[SpendQuery(scope: .key("streamer"), since: 0)] ?? 0) > 0, "ledger: \(spent)")
        }
    }
}

import Foundation
import NIOHTTP1
import SwitchyardCore
@testable import SwitchyardGateway
import SwitchyardWire
import Testing

/// Numbers a client or an upstream sends that no real request carries. Each once trapped in arithmetic and took
/// the whole gateway down; each is now a 400 naming the field (or a bounded value), and the gateway goes on.
@Suite struct HostileNumberTests {
    static func yaml(_ bases: [String]) -> String {
        """
        listen: 127.0.0.1:0
        governance: { auth: keys, default_max_tokens: 100 }
        teams:
          - { name: team-a, tpm: 1000000 }
        providers:
          - { name: only, kind: openai-compatible, base_url: "\(bases[0])/v1" }
        models:
          - name: chat
            deployments: [{ provider: only, model: gpt-4o, price: { input: 2.5, output: 10 } }]
        budgets:
          - { scope: global, limit: 1000 }
        """
    }

    @Test func outOfRangeTokenCountsAre400sNamingTheFieldAndTheGatewayKeepsServing() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml, governed: true) { gw in
            let governance = try #require(gw.governance)
            let secret = try GatewayGovernanceTests.addKey(governance, name: "hostile", team: "team-a")
            let auth = [("authorization", "Bearer \(secret)")]
            let cases: [(path: String, body: String, param: String)] = [
                ("/v1/chat/completions", chatBody(model: "chat", extra: #","max_tokens":9223372036854775807"#), "max_tokens"),
                ("/v1/chat/completions", chatBody(model: "chat", stream: true, extra: #","max_tokens":9223372036854775807"#),
                 "max_tokens"),
                ("/v1/chat/completions", chatBody(model: "chat", extra: #","max_completion_tokens":-1"#), "max_completion_tokens"),
                ("/v1/chat/completions", chatBody(model: "chat", extra: #","max_tokens":100000001"#), "max_tokens"),
                ("/v1/chat/completions", chatBody(model: "chat", extra: #","n":1000000"#), "n"),
                ("/v1/messages", messagesBody(model: "chat").replacingOccurrences(
                    of: #""max_tokens":256"#, with: #""max_tokens":9223372036854775807"#), "max_tokens"),
            ]
            for c in cases {
                #expect(c.body.contains(c.param), "the body lacks \(c.param): \(c.body)")
                let refused = try await gw.post(c.path, c.body, headers: auth)
                #expect(refused.status == 400, "\(c.param): \(refused.status) \(refused.text)")
                #expect(refused.text.contains("'\(c.param)'"), "\(refused.text)")
                #expect(refused.text.contains("from 1 to"), "\(refused.text)")
            }
            // Past Int64: not an integer the gateway can hold, also a 400.
            let beyond = try await gw.post("/v1/chat/completions",
                                           chatBody(model: "chat", extra: #","max_tokens":99999999999999999999"#), headers: auth)
            #expect(beyond.status == 400, "\(beyond.text)")
            #expect(beyond.text.contains("max_tokens"), "\(beyond.text)")
            // Still alive, still charging.
            let ok = try await gw.post("/v1/chat/completions", chatBody(model: "chat", extra: #","max_tokens":16"#),
                                       headers: auth)
            #expect(ok.status == 200, "\(ok.text)")
            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true), headers: auth)
            #expect(stream.events.last?.isDone == true)
            // Nothing refused reached the upstream.
            #expect(gw.sims[0].server.recentRequests.count == 2)
        }
    }

    @Test func anUpstreamRetryAfterBeyondADayIsReadAsADay() {
        let day = InputBounds.durationSeconds.upperBound
        for value in ["inf", "1e300", "99999999999999999999"] {
            #expect(UpstreamFailureClassifier.retryAfter(HTTPHeaders([("retry-after", value)])) == day, "\(value)")
        }
        #expect(UpstreamFailureClassifier.retryAfter(HTTPHeaders([("retry-after-ms", "1e300")])) == day)
        #expect(UpstreamFailureClassifier.retryAfter(HTTPHeaders([("retry-after", "7")])) == 7)
        #expect(UpstreamFailureClassifier.retryAfter(HTTPHeaders([("retry-after", "nan")])) == nil)
        // The client's own retry-after header is written from any Double without trapping.
        let response = IngressResponses.error(.openAI, status: 429, message: "slow down", retryAfter: .infinity)
        #expect(response.headers.first(name: "retry-after") == String(Int.max))
    }
}

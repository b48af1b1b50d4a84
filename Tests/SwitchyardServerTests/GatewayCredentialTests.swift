import Foundation
import SwitchyardCore
import SwitchyardSimServer
import Testing

/// A provider that refuses the gateway's own key (a 401/403 to the gateway): the deployment's fault, not the
/// client's. Traffic fails over, the deployment's breaker opens at once, and nothing of the upstream's answer —
/// its status, its message quoting the key, its `WWW-Authenticate` — reaches the client.
@Suite struct GatewayCredentialTests {
    static let wrongKey = "sk-wrong-key-0123456789abcdef"

    static func yaml(_ bases: [String]) -> String {
        """
        listen: 127.0.0.1:0
        providers:
          - { name: primary, kind: openai-compatible, base_url: "\(bases[0])/v1", api_key_env: PRIMARY_KEY }
          - { name: backup, kind: openai-compatible, base_url: "\(bases[1])/v1" }
        models:
          - name: chat
            strategy: priority
            deployments:
              - { provider: primary, model: gpt-4o, priority: 0 }
              - { provider: backup, model: gpt-4o, priority: 1 }
          - name: lonely
            deployments: [{ provider: primary, model: gpt-4o }]
        """
    }

    static func sims() -> [SimulatorOptions] {
        var primary = gatewaySimOptions(name: "primary")
        primary.apiKey = "sk-the-right-key-000000000000"
        return [primary, gatewaySimOptions(name: "backup")]
    }

    @Test func aRejectedCredentialFailsOverAndOpensTheBreakerAtOnce() async throws {
        try await withGateway(sims: Self.sims(), yaml: Self.yaml, environment: ["PRIMARY_KEY": Self.wrongKey]) { gw in
            for i in 0..<4 {
                let answer = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
                #expect(answer.status == 200, "request \(i): \(answer.status) \(answer.text)")
                #expect(answer.headers.first(name: "x-switchyard-deployment") == "chat/backup")
            }
            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true))
            #expect(stream.events.last?.isDone == true)
            let messages = try await gw.post("/v1/messages", messagesBody(model: "chat"))
            #expect(messages.status == 200, "\(messages.text)")

            // One call found the key wrong; the breaker opened on it, so no retry and no second call.
            #expect(gw.engine.breakerState(of: "chat/primary") == .open)
            #expect(try await gw.sims[0].stats().requests == 1)
            let info = GatewayInfo(mode: "test", address: nil, version: "0", startedAt: 0)
            let snapshot = gw.engine.snapshot(info: info)
            let opened = snapshot.events.first { $0.kind == .breakerOpened && $0.from == "chat/primary" }
            #expect(opened?.reason.contains("credential rejected (401)") == true, "\(snapshot.events.map(\.reason))")
            let first = try #require(snapshot.requests.first { $0.attempts.first?.deployment == "chat/primary" })
            let attempt = try #require(first.attempts.first)
            #expect(attempt.errorClass == .credential)
            #expect(attempt.decision == .nextDeployment)
            #expect(attempt.message.contains("credential rejected"), "\(attempt.message)")
            #expect(attempt.message.contains("invalid_api_key"), "\(attempt.message)")
            // The provider's message quotes the key: it is kept nowhere.
            #expect(!attempt.message.contains("sk-"), "\(attempt.message)")
        }
    }

    @Test func withNoHealthyDeploymentTheClientGetsTheGatewaysOwn502() async throws {
        try await withGateway(sims: Self.sims(), yaml: Self.yaml, environment: ["PRIMARY_KEY": Self.wrongKey]) { gw in
            let refused = try await gw.post("/v1/chat/completions", chatBody(model: "lonely"))
            #expect(refused.status == 502, "\(refused.text)")
            #expect(refused.text.contains("rejected the gateway's credentials"), "\(refused.text)")
            // Then the breaker is open: nothing is called until its probe, and the client is told so.
            let stream = try await gw.post("/v1/chat/completions", chatBody(model: "lonely", stream: true))
            #expect(stream.status == 503, "\(stream.text)")
            // The 503 says why: the on-call engineer reading a client's report sees the cause at once.
            #expect(stream.text.contains("lonely/primary breaker open (credential rejected (401))"), "\(stream.text)")
            let anthropic = try await gw.post("/v1/messages", messagesBody(model: "lonely"))
            #expect(anthropic.status == 503, "\(anthropic.text)")
            #expect(anthropic.text.contains("\"type\":\"error\""), "\(anthropic.text)")
            for answer in [refused, stream, anthropic] {
                #expect(answer.headers.first(name: "www-authenticate") == nil)
                for leak in ["sk-", "Incorrect API key", "0123456789abcdef", "invalid_api_key"] {
                    #expect(!answer.text.contains(leak), "'\(leak)' reached the client: \(answer.text)")
                }
            }
            #expect(try await gw.sims[0].stats().requests == 1)
        }
    }
}

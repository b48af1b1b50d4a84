import Foundation
import SwitchyardConfig
import SwitchyardCore
import SwitchyardJSON
import Testing

/// Provider kind `azure-openai`: OpenAI's wire format at per-deployment URLs with an `api-version`, keyed by
/// `api-key`; checked against a simulator that answers Azure's routes and records what it was sent.
@Suite struct AzureOpenAIProviderTests {
    static func yaml(_ base: String, version: String? = nil) -> String {
        """
        listen: 127.0.0.1:0
        providers:
          - { name: azure, kind: azure-openai, base_url: "\(base)", api_key_env: AZURE_KEY\(version.map { ", api_version: \($0)" } ?? "") }
        models:
          - { name: chat, deployments: [{ provider: azure, model: gpt-4o-prod }] }
          - { name: embed, deployments: [{ provider: azure, model: embed-prod }] }
        """
    }

    @Test func callsGoToTheDeploymentURLWithTheVersionAndTheAPIKeyHeader() async throws {
        var options = gatewaySimOptions(name: "azure")
        options.apiKey = "azure-secret-123"
        try await withGateway(sims: [options], yaml: { Self.yaml($0[0]) }, environment: ["AZURE_KEY": "azure-secret-123"]) { gw in
            let chat = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(chat.status == 200, "\(chat.text)")
            let sent = try #require(gw.sims[0].server.recentRequests.last)
            #expect(sent.path == "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21")
            #expect(sent.headers["api-key"] == "azure-secret-123")
            #expect(sent.headers["authorization"] == nil)

            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true))
            #expect(stream.events.last?.data == "[DONE]")

            let embed = try await gw.post("/v1/embeddings", #"{"model":"embed","input":"hello"}"#)
            #expect(embed.status == 200, "\(embed.text)")
            #expect(gw.sims[0].server.recentRequests.last?.path == "/openai/deployments/embed-prod/embeddings?api-version=2024-10-21")
        }
    }

    @Test func theVersionLessV1APITakesTheModelInTheBody() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "azure")], yaml: { Self.yaml($0[0], version: "v1") }) { gw in
            let chat = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(chat.status == 200, "\(chat.text)")
            let sent = try #require(gw.sims[0].server.recentRequests.last)
            #expect(sent.path == "/openai/v1/chat/completions")
            #expect(JSONValue(parsing: sent.body)?["model"]?.stringValue == "gpt-4o-prod")
        }
    }

    @Test func aRejectedKeyIsACredentialFailure() async throws {
        var options = gatewaySimOptions(name: "azure")
        options.apiKey = "azure-secret-123"
        try await withGateway(sims: [options], yaml: { Self.yaml($0[0]) }, environment: ["AZURE_KEY": "wrong"]) { gw in
            let chat = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(chat.status == 502, "\(chat.text)")
            #expect(chat.text.contains("rejected the gateway's credentials"))
            #expect(gw.engine.breakerState(of: "chat/azure") == .open)
        }
    }
}

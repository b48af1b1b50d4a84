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

    @Test(arguments: [
        ("  - { name: a, kind: azure-openai }", "providers[0].base_url", "needs its base_url (https://RESOURCE.openai.azure.com)"),
        ("  - { name: a, kind: azure-openai, base_url: \"https://x.openai.azure.com\", api_version: \"2024/10\" }", "providers[0].api_version", "expected an Azure OpenAI API version"),
        ("  - { name: a, kind: openai, api_version: 2024-10-21 }", "providers[0].api_version", "only an azure-openai provider"),
        ("  - { name: a, kind: azure-openai, base_url: \"https://x.openai.azure.com\", responses_api: native }", "providers[0].responses_api", "only on api_version: v1"),
        ("  - { name: a, kind: anthropic, responses_api: native }", "providers[0].responses_api", "only openai, openai-compatible and azure-openai"),
        ("  - { name: a, kind: openai, responses_api: nativ }", "providers[0].responses_api", "did you mean 'native'"),
    ])
    func configErrorsNameTheField(provider: String, path: String, message: String) {
        let yaml = "providers:\n\(provider)\nmodels:\n  - { name: m, deployments: [{ provider: a, model: x }] }\n"
        do {
            _ = try ConfigLoader.parse(yaml: yaml, file: "gw.yaml")
            Issue.record("accepted: \(provider)")
        } catch let errors as ConfigErrors {
            #expect(errors.issues.contains { $0.path == path && $0.message.contains(message) }, "\(errors.issues)")
        } catch {
            Issue.record("\(error)")
        }
    }
}

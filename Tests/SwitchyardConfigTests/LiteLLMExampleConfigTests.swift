import Foundation
import SwitchyardConfig
import Testing

/// LiteLLM's own published example configs (in `LiteLLM/`), imported: each gives a config Switchyard loads without
/// errors, with none of the environment's variables set, and keeps no key the LiteLLM file held.
@Suite struct LiteLLMExampleConfigTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("LiteLLM")

    static let examples = [
        "proxy_server_config.yaml", "load_balancer.yaml", "azure_config.yaml", "spend_tracking_config.yaml",
        "reliability_fallbacks.yaml",
    ]

    static func imported(_ name: String) throws -> (result: LiteLLMImportResult, config: GatewayConfig) {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        let result = try LiteLLMImport.translate(yaml: text, file: name)
        do {
            return (result, try ConfigLoader.parse(yaml: result.yaml, file: "imported-\(name)", environment: [:]).config)
        } catch {
            Issue.record("\(name): the imported config is refused: \(error)\n\(result.yaml)")
            throw error
        }
    }

    @Test(arguments: examples)
    func everyExampleImportsToAConfigSwitchyardLoads(name: String) throws {
        let (result, config) = try Self.imported(name)
        #expect(!config.models.isEmpty)
        for secret in ["sk-uj6F", "sk-Imn", "sk-1234", "fake-key", "my-fake-key", "eYVX71", "<my-openai-key>"] {
            #expect(!result.yaml.contains(secret), "\(name) copied \(secret)")
        }
    }

    @Test func theProxyServerConfigKeepsItsGroupsAndNamesWhatItDrops() throws {
        let (result, config) = try Self.imported("proxy_server_config.yaml")
        let models = Set(config.models.map(\.spec.name))
        #expect(models.isSuperset(of: ["gpt-3.5-turbo-end-user-test", "gpt-3.5-turbo", "gpt-4", "text-embedding-ada-002",
                                       "fake-openai-endpoint-3", "bad-model"]))
        #expect(config.deployments.filter { $0.model == "gpt-3.5-turbo-end-user-test" }.count == 2)
        #expect(config.models.first { $0.spec.name == "gpt-3.5-turbo" }?.spec.fallbacks == ["gpt-3.5-turbo-large"])
        for dropped in ["sagemaker-completion-model", "dall-e-2", "model_list[14]", "anthropic/*", "mistral-embed", "gpt-instruct",
                        "finetune_settings", "files_settings", "general_settings.pass_through_endpoints",
                        "router_settings.model_group_alias", "litellm_settings.default_team_settings"] {
            #expect(result.notes.contains { $0.description.contains(dropped) }, "no note for \(dropped)")
        }
        #expect(config.policy.auth.rawValue == "keys")
    }

    @Test func theLoadBalancerWeighsByRpmAndAsksForItsKeys() throws {
        let (result, config) = try Self.imported("load_balancer.yaml")
        #expect(config.deployments.filter { $0.model == "gpt-3.5-turbo" }.map(\.weight) == [3, 3])
        #expect(result.keysToExport == ["OPENAI_API_KEY", "OPENAI_2_API_KEY"])
        #expect(result.notes.contains { $0.description.contains("openrouter") })
        #expect(result.notes.contains { $0.description.contains("REDIS_PASSWORD") })
    }

    @Test func reliabilityFallbacksFromADroppedGroupAreNoted() throws {
        let (result, config) = try Self.imported("reliability_fallbacks.yaml")
        #expect(config.models.map(\.spec.name) == ["gpt-3.5-turbo", "gpt-3.5-turbo-16k"])
        #expect(config.timeouts.response == 10)
        #expect(result.notes.contains { $0.description.contains("zephyr-beta is not a mapped model group") })
        #expect(result.notes.contains { $0.description.contains("litellm_settings.cooldown_time") })
    }
}

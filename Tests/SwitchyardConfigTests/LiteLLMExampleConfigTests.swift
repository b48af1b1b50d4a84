import Foundation
import SwitchyardConfig
import SwitchyardCore
import Testing

/// LiteLLM proxy configs in the shapes its documentation describes (in `LiteLLM/`), imported: each gives a config
/// Switchyard loads without errors, with none of the environment's variables set, and keeps no key the file held.
@Suite struct LiteLLMExampleConfigTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("LiteLLM")

    static let examples = ["proxy_config.yaml", "load_balancing.yaml", "azure.yaml", "reliability.yaml"]

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
        for secret in ["sk-local-literal", "sk-master-literal", "sk-literal-openai", "sk-literal-other", "azure-literal-key"] {
            #expect(!result.yaml.contains(secret), "\(name) copied \(secret)")
        }
    }

    @Test func aProxyConfigKeepsItsGroupsPricesAndFallbacksAndNamesWhatItDrops() throws {
        let (result, config) = try Self.imported("proxy_config.yaml")
        #expect(config.models.map(\.spec.name) == ["gpt-4o", "claude-sonnet", "local-llama", "text-embedding-3-small", "titan"])
        let titan = try #require(config.deployments.first { $0.model == "titan" })
        #expect(titan.upstreamModel == "amazon.titan-text-express-v1")
        #expect(config.providers.first { $0.spec.name == titan.provider }?.spec.aws?.region == "us-east-1")
        #expect(config.models.allSatisfy { $0.spec.strategy == .latency })
        let gpt = config.deployments.filter { $0.model == "gpt-4o" }
        #expect(gpt.map(\.provider) == ["openai", "azure-acme-eastus"])
        #expect(gpt.first?.price == Price(inputPerMTok: 2.5, outputPerMTok: 10))
        #expect(config.providers.first { $0.spec.name == "azure-acme-eastus" }?.spec.apiVersion == "2024-10-21")
        #expect(config.models.first { $0.spec.name == "gpt-4o" }?.spec.fallbacks == ["claude-sonnet"])
        #expect(config.models.first { $0.spec.name == "claude-sonnet" }?.timeouts.firstToken == 30)
        #expect(config.budgets.map(\.limit) == [500])
        #expect(config.policy.auth.rawValue == "keys")
        #expect(result.keysToExport == ["LOCAL_API_KEY"])
        for dropped in ["num_retries", "redis_host", "drop_params", "success_callback", "litellm_settings.cache",
                        "master_key", "database_url"] {
            #expect(result.notes.contains { $0.description.contains(dropped) }, "no note for \(dropped)")
        }
    }

    @Test func loadBalancingWeighsByRpmAndAsksForTheKeysItWouldNotCopy() throws {
        let (result, config) = try Self.imported("load_balancing.yaml")
        #expect(config.deployments.filter { $0.model == "gpt-3.5-turbo" }.map(\.weight) == [60, 60])
        #expect(result.keysToExport == ["OPENAI_API_KEY", "PROXY_API_KEY"])
        #expect(result.notes.contains { $0.description.contains("openrouter") })
        #expect(result.notes.contains { $0.description.contains("REDIS_PASSWORD") || $0.description.contains("redis_password") })
    }

    @Test func azureDeploymentsKeepTheirNamesVersionsAndBases() throws {
        let (_, config) = try Self.imported("azure.yaml")
        let azure = config.providers.filter { $0.spec.kind == .azureOpenAI }
        #expect(azure.count == 2)
        #expect(config.deployments.map(\.upstreamModel) == ["gpt-4-prod", "gpt-4-westus"])
        #expect(azure.contains { $0.spec.apiVersion == "2024-06-01" })
        #expect(azure.contains { $0.spec.baseURL?.hasPrefix("https://acme-westus.openai.azure.com") == true })
    }

    @Test func reliabilityFallbacksFromADroppedGroupAreNoted() throws {
        let (result, config) = try Self.imported("reliability.yaml")
        #expect(config.models.map(\.spec.name) == ["gpt-3.5-turbo", "gpt-3.5-turbo-16k"])
        #expect(config.models.first { $0.spec.name == "gpt-3.5-turbo" }?.spec.fallbacks == ["gpt-3.5-turbo-16k"])
        #expect(config.timeouts.response == 10)
        #expect(result.notes.contains { $0.description.contains("zephyr-beta is not a mapped model group") })
        #expect(result.notes.contains { $0.description.contains("litellm_settings.cooldown_time") })
    }
}

import Foundation
@testable import SwitchyardConfig
import SwitchyardCore
import Testing

/// `LiteLLMImport.translate` from tables: each LiteLLM config is imported and the result read back by
/// `ConfigLoader.parse` with an empty environment, as `check-config` would on a machine without the keys.
@Suite struct LiteLLMImportTests {
    struct Imported {
        var result: LiteLLMImportResult
        var config: GatewayConfig

        func provider(_ name: String) -> ProviderSpec? { config.providers.first { $0.spec.name == name }?.spec }
        func model(_ name: String) -> ModelConfig? { config.models.first { $0.spec.name == name } }
        func deployments(_ model: String) -> [DeploymentSpec] { config.deployments.filter { $0.model == model } }
        func noted(_ text: String) -> Bool { result.notes.contains { $0.description.contains(text) } }
    }

    static func importing(_ litellm: String) throws -> Imported {
        let result = try LiteLLMImport.translate(yaml: litellm, file: "litellm.yaml")
        do {
            let (config, _) = try ConfigLoader.parse(yaml: result.yaml, file: "imported.yaml", environment: [:])
            return Imported(result: result, config: config)
        } catch {
            Issue.record("the imported config is refused: \(error)\n\(result.yaml)")
            throw error
        }
    }

    static func one(_ params: String, info: String = "") -> String {
        """
        model_list:
          - model_name: m
            litellm_params:
        \(params.split(separator: "\n").map { "      \($0)" }.joined(separator: "\n"))
        \(info.isEmpty ? "" : "    model_info:\n" + info.split(separator: "\n").map { "      \($0)" }.joined(separator: "\n"))
        """
    }

    @Test(arguments: [
        ("model: gpt-4o", ProviderKind.openai, "gpt-4o"),
        ("model: openai/gpt-4o", .openai, "gpt-4o"),
        ("model: openai/llama3\napi_base: http://127.0.0.1:11434/v1", .openaiCompatible, "llama3"),
        ("model: gpt-4o\napi_base: https://proxy.example.com/v1", .openaiCompatible, "gpt-4o"),
        ("model: anthropic/claude-sonnet-4-5", .anthropic, "claude-sonnet-4-5"),
        ("model: gemini/gemini-2.5-flash", .gemini, "gemini-2.5-flash"),
        ("model: azure/my-gpt4o\napi_base: https://acme.openai.azure.com/", .azureOpenAI, "my-gpt4o"),
        ("model: llama3\ncustom_llm_provider: openai\napi_base: http://localhost:8000/v1", .openaiCompatible, "llama3"),
    ])
    func prefixNamesTheProviderKind(params: String, kind: ProviderKind, upstream: String) throws {
        let imported = try Self.importing(Self.one(params))
        let deployment = try #require(imported.deployments("m").first)
        #expect(imported.provider(deployment.provider)?.kind == kind)
        #expect(deployment.upstreamModel == upstream)
    }

    @Test(arguments: [
        ("bedrock/", "no Bedrock model id after bedrock/"),
        ("vertex_ai/gemini-pro", "provider 'vertex_ai' is not supported"),
        ("text-completion-openai/gpt-3.5-turbo-instruct", "legacy completions API"),
        ("openai/*", "wildcard routing"),
        ("azure/", "no Azure deployment name"),
    ])
    func unsupportedProvidersAreCommentedNeverDropped(model: String, reason: String) throws {
        let litellm = """
            model_list:
              - { model_name: kept, litellm_params: { model: gpt-4o } }
              - { model_name: other, litellm_params: { model: "\(model)" } }
            """
        let imported = try Self.importing(litellm)
        #expect(imported.config.models.map(\.spec.name) == ["kept"])
        let note = try #require(imported.result.notes.first { $0.path == "model_list[1]" })
        #expect(note.message.contains(reason), "\(note)")
        #expect(note.message.contains("other"))
        #expect(imported.result.yaml.contains("# not mapped: model_list[1]: other (\(model))"))
    }

    @Test func bedrockTakesItsRegionAndCredentialVariables() throws {
        let imported = try Self.importing(Self.one("""
            model: bedrock/converse/anthropic.claude-3-5-sonnet-20240620-v1:0
            aws_region_name: eu-central-1
            aws_access_key_id: os.environ/TEAM_AWS_KEY_ID
            aws_secret_access_key: os.environ/TEAM_AWS_SECRET
            """))
        let provider = try #require(imported.provider("bedrock"))
        #expect(provider.kind == .bedrock)
        #expect(provider.aws == AWSSettings(region: "eu-central-1", accessKeyIDEnv: "TEAM_AWS_KEY_ID",
                                            secretAccessKeyEnv: "TEAM_AWS_SECRET"))
        #expect(provider.apiKeyEnv == nil)
        #expect(imported.deployments("m").first?.upstreamModel == "anthropic.claude-3-5-sonnet-20240620-v1:0")
    }

    @Test func bedrockWithoutARegionReadsItFromTheEnvironment() throws {
        let imported = try Self.importing(Self.one("model: bedrock/amazon.nova-lite-v1:0"))
        #expect(imported.provider("bedrock")?.aws?.region == "set-aws-region")
        #expect(imported.result.yaml.contains("export it, or write the region here"))
        let result = try LiteLLMImport.translate(yaml: Self.one("model: bedrock/amazon.nova-lite-v1:0"), file: "l.yaml")
        let loaded = try ConfigLoader.parse(yaml: result.yaml, file: "gw.yaml", environment: ["AWS_REGION": "us-east-2"])
        #expect(loaded.config.providers[0].spec.aws?.region == "us-east-2")
    }

    @Test func bedrockClearTextCredentialsAreNeverCopied() throws {
        let result = try LiteLLMImport.translate(yaml: Self.one("""
            model: bedrock/amazon.nova-lite-v1:0
            aws_region_name: us-east-1
            aws_secret_access_key: wJalrSECRETVALUE
            """), file: "litellm.yaml")
        #expect(!result.yaml.contains("wJalrSECRETVALUE"))
        #expect(result.notes.contains { $0.description.contains("export AWS_SECRET_ACCESS_KEY") })
    }

    @Test func azureTakesItsDeploymentNameEndpointAndVersion() throws {
        let imported = try Self.importing(Self.one("""
            model: azure/chatgpt-v-2
            api_base: https://openai-gpt-4-test-v-1.openai.azure.com/
            api_version: "2023-05-15"
            api_key: os.environ/AZURE_API_KEY
            """))
        let provider = try #require(imported.provider("azure-openai-gpt-4-test-v-1"))
        #expect(provider.kind == .azureOpenAI)
        #expect(provider.baseURL == "https://openai-gpt-4-test-v-1.openai.azure.com")
        #expect(provider.apiVersion == "2023-05-15")
        #expect(provider.apiKeyEnv == "AZURE_API_KEY")
        #expect(imported.deployments("m").first?.upstreamModel == "chatgpt-v-2")
    }

    @Test(arguments: [
        ("model: gpt-4o\napi_key: os.environ/MY_OPENAI_KEY", "MY_OPENAI_KEY"),
        ("model: gpt-4o", "OPENAI_API_KEY"),
        ("model: anthropic/claude-3-haiku", "ANTHROPIC_API_KEY"),
        ("model: gemini/gemini-2.5-pro", "GEMINI_API_KEY"),
        ("model: azure/d\napi_base: https://r.openai.azure.com", "AZURE_API_KEY"),
    ])
    func keyReferencesBecomeApiKeyEnv(params: String, variable: String) throws {
        let imported = try Self.importing(Self.one(params))
        #expect(imported.config.providers.map(\.spec.apiKeyEnv) == [variable])
        #expect(imported.result.keysToExport.isEmpty)
    }

    @Test func aLiteralKeyIsNeverCopied() throws {
        let litellm = """
            model_list:
              - { model_name: a, litellm_params: { model: gpt-4o, api_key: sk-live-abc123SECRET } }
              - { model_name: a, litellm_params: { model: gpt-4o, api_key: sk-live-def456SECRET } }
              - { model_name: b, litellm_params: { model: gpt-4o-mini, api_key: os.environ/OPENAI_API_KEY } }
            general_settings: { master_key: sk-master-SECRET }
            """
        let imported = try Self.importing(litellm)
        #expect(!imported.result.yaml.contains("SECRET"))
        let variables = imported.config.providers.compactMap(\.spec.apiKeyEnv)
        #expect(variables.count == 3)
        #expect(Set(variables).count == 3, "each key its own variable: \(variables)")
        #expect(variables.contains("OPENAI_API_KEY"))
        #expect(imported.result.keysToExport.count == 2)
        #expect(!imported.result.keysToExport.contains("OPENAI_API_KEY"), "the file's own variable keeps its meaning")
        for variable in imported.result.keysToExport {
            #expect(imported.result.yaml.contains("export \(variable)"))
        }
        #expect(imported.noted("master_key"))
        #expect(imported.config.policy.auth.rawValue == "keys")
    }

    @Test func entriesSharingAKindURLAndKeyShareAProvider() throws {
        let litellm = """
            model_list:
              - { model_name: a, litellm_params: { model: azure/one, api_base: "https://r.openai.azure.com/", api_key: os.environ/K } }
              - { model_name: b, litellm_params: { model: azure/two, api_base: "https://r.openai.azure.com", api_key: os.environ/K } }
              - { model_name: c, litellm_params: { model: azure/three, api_base: "https://s.openai.azure.com", api_key: os.environ/K } }
            """
        let imported = try Self.importing(litellm)
        #expect(imported.config.providers.map(\.spec.name) == ["azure-r", "azure-s"])
    }

    @Test func costsPerTokenBecomeDollarsPerMillion() throws {
        let inParams = try Self.importing(Self.one("""
            model: my-finetune
            input_cost_per_token: 0.0000025
            output_cost_per_token: 1e-05
            """))
        #expect(inParams.deployments("m").first?.price == Price(inputPerMTok: 2.5, outputPerMTok: 10))
        #expect(inParams.result.yaml.contains("price: { input: 2.5, output: 10 }"))
        let inInfo = try Self.importing(Self.one("model: my-finetune", info: """
            input_cost_per_token: 0.00000015
            output_cost_per_token: 0.0000006
            cache_read_input_token_cost: 0.000000075
            """))
        #expect(inInfo.deployments("m").first?.price == Price(inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075))
    }

    @Test(arguments: [
        ("simple-shuffle", RoutingStrategyKind.weighted, false),
        ("latency-based-routing", .latency, false),
        ("cost-based-routing", .cost, false),
        ("usage-based-routing", .weighted, true),
        ("usage-based-routing-v2", .weighted, true),
        ("least-busy", .weighted, true),
    ])
    func routingStrategyMapsToTheClosest(name: String, strategy: RoutingStrategyKind, noted: Bool) throws {
        let imported = try Self.importing(Self.one("model: gpt-4o") + "\nrouter_settings:\n  routing_strategy: \(name)\n")
        #expect(imported.model("m")?.spec.strategy == strategy)
        #expect(imported.noted("routing_strategy") == noted)
    }

    @Test func fallbacksOfEveryKindJoinTheGroup() throws {
        let litellm = """
            model_list:
              - { model_name: gpt-4o, litellm_params: { model: gpt-4o } }
              - { model_name: claude, litellm_params: { model: anthropic/claude-sonnet-4-5 } }
              - { model_name: big, litellm_params: { model: gpt-4.1 } }
            router_settings:
              fallbacks: [{"gpt-4o": ["claude", "missing"]}]
            litellm_settings:
              context_window_fallbacks: [{"gpt-4o": ["big", "claude"]}, {"claude": ["claude"]}]
            """
        let imported = try Self.importing(litellm)
        #expect(imported.model("gpt-4o")?.spec.fallbacks == ["claude", "big"])
        #expect(imported.model("claude")?.spec.fallbacks == [])
        #expect(imported.noted("missing is not a mapped model group"))
        #expect(imported.noted("claude cannot fall back to itself"))
        #expect(imported.noted("litellm_settings.context_window_fallbacks"))
    }

    @Test func timeoutsBecomeTheGroupsAndTheGateways() throws {
        let imported = try Self.importing(Self.one("model: gpt-4o\ntimeout: 300\nstream_timeout: 0.5")
            + "\nrouter_settings:\n  timeout: 30\n")
        let timeouts = try #require(imported.model("m")?.timeouts)
        #expect(timeouts.response == 300)
        #expect(timeouts.firstToken == 0.5)
        #expect(imported.config.timeouts.response == 30)
        #expect(imported.result.yaml.contains("timeouts: { first_token: 500ms, response: 5m }"))
    }

    @Test func orderBecomesPriorityAndRpmTheWeight() throws {
        let ordered = try Self.importing("""
            model_list:
              - { model_name: m, litellm_params: { model: gpt-4o, order: 1 } }
              - { model_name: m, litellm_params: { model: anthropic/claude-sonnet-4-5, order: 2 } }
            """)
        #expect(ordered.model("m")?.spec.strategy == .priority)
        #expect(ordered.deployments("m").map(\.priority) == [1, 2])
        let weighted = try Self.importing("""
            model_list:
              - { model_name: m, litellm_params: { model: gpt-4o, rpm: 480 } }
              - { model_name: m, litellm_params: { model: anthropic/claude-sonnet-4-5, rpm: 120 } }
              - { model_name: w, litellm_params: { model: gpt-4o, weight: 3 } }
              - { model_name: w, litellm_params: { model: anthropic/claude-sonnet-4-5, weight: 1 } }
            """)
        #expect(weighted.deployments("m").map(\.weight) == [480, 120])
        #expect(weighted.deployments("w").map(\.weight) == [3, 1])
        #expect(weighted.noted("rpm 480 is not enforced per deployment"))
    }

    @Test func budgetBecomesAGlobalBudget() throws {
        let imported = try Self.importing(Self.one("model: gpt-4o")
            + "\nlitellm_settings:\n  max_budget: 100\n  budget_duration: 30d\n")
        let budget = try #require(imported.config.budgets.first)
        #expect(budget.scope == .global)
        #expect(budget.limit == 100)
        #expect(budget.period == .monthly)
        #expect(!imported.noted("budget_duration"))
    }

    @Test(arguments: [
        ("1d", BudgetPeriod.daily, false), ("24h", .daily, false), ("7d", .weekly, false), ("30d", .monthly, false),
        ("1mo", .monthly, false), ("12h", .daily, true), ("14d", .monthly, true),
    ])
    func budgetDurationTakesTheClosestPeriod(text: String, period: BudgetPeriod, noted: Bool) {
        let read = LiteLLMSettings.period(text)
        #expect(read.period == period)
        #expect((read.note != nil) == noted)
    }

    @Test func settingsWithoutCounterpartAreCommentedByName() throws {
        let imported = try Self.importing(Self.one("model: gpt-4o\nregion_name: eu") + """

            litellm_settings:
              success_callback: ["langfuse"]
              cache: true
              num_retries: 3
            general_settings:
              database_url: "postgresql://user:password@host/db"
            environment_variables:
              REDIS_PASSWORD: hunter2
            guardrails: []
            """)
        for setting in ["litellm_settings.success_callback", "litellm_settings.cache", "litellm_settings.num_retries",
                        "general_settings.database_url", "environment_variables", "guardrails", "region_name"] {
            #expect(imported.result.yaml.contains("# not mapped: ") && imported.result.yaml.contains(setting), "\(setting)")
            #expect(imported.noted(setting), "\(setting)")
        }
        #expect(!imported.result.yaml.contains("hunter2"))
        #expect(!imported.result.yaml.contains("password@"))
        #expect(imported.config.policy.auth.rawValue == "open", "LiteLLM without a master_key asked for no key")
    }

    @Test func baseURLFromTheEnvironmentLoadsWhetherOrNotItIsSet() throws {
        let result = try LiteLLMImport.translate(yaml: Self.one("model: openai/x\napi_base: os.environ/LOCAL_BASE"), file: "l.yaml")
        let unset = try ConfigLoader.parse(yaml: result.yaml, file: "i.yaml", environment: [:]).config
        #expect(unset.providers.first?.spec.baseURL?.hasSuffix(".invalid") == true)
        let set = try ConfigLoader.parse(yaml: result.yaml, file: "i.yaml", environment: ["LOCAL_BASE": "http://10.0.0.5:8000/v1"]).config
        #expect(set.providers.first?.spec.baseURL == "http://10.0.0.5:8000/v1")
    }

    @Test func theSameFileGivesTheSameConfig() throws {
        let litellm = Self.one("model: gpt-4o\napi_key: sk-1") + "\nlitellm_settings: { a: 1, b: 2, c: 3, max_budget: 5 }\n"
        let first = try LiteLLMImport.translate(yaml: litellm, file: "l.yaml")
        let second = try LiteLLMImport.translate(yaml: litellm, file: "l.yaml")
        #expect(first.yaml == second.yaml)
    }

    @Test(arguments: [
        ("model_list: [unclosed", "not a YAML file"),
        ("router_settings: {}", "no model_list"),
        ("just text", "no model_list"),
        ("model_list:\n  - { model_name: x, litellm_params: { model: vertex_ai/y } }", "no model_list entry could be mapped"),
    ])
    func unusableFilesAreErrorsNamingTheFile(yaml: String, message: String) {
        do {
            _ = try LiteLLMImport.translate(yaml: yaml, file: "bad.yaml")
            Issue.record("\(yaml) was imported")
        } catch {
            #expect(error.description.hasPrefix("bad.yaml: ") && error.description.contains(message), "\(error)")
        }
    }

    @Test(arguments: [
        (0.5, "500ms"), (0.001, "1ms"), (5, "5s"), (60, "1m"), (90, "1m30s"), (300, "5m"), (6000, "1h40m"), (1.5, "1s500ms"),
    ])
    func durationsAreWrittenAsSwitchyardReadsThem(seconds: Double, text: String) {
        #expect(LiteLLMYAMLText.duration(seconds) == text)
        #expect(DurationText.seconds(text) == seconds)
    }
}

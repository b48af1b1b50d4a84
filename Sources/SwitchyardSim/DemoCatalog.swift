import SwitchyardCore

/// The demo's providers, models, budgets and keys, with late-2025 list prices (USD per 1M tokens).
public enum DemoCatalog {
    /// Builds the demo setup: 6 providers, 6 models, every routing strategy, fallback chains, budgets, keys.
    public static func make() -> DemoSetup {
        DemoSetup(catalog: catalog(), budgets: budgets(), keys: keys())
    }

    /// The demo catalog alone.
    public static func catalog() -> Catalog {
        Catalog(providers: providers, deployments: deployments, models: models, taskRouting: taskRouting)
    }

    /// `auto`: each request served by its task's group, so the Routing view (`R`) has traffic to show.
    private static let taskRouting = TaskRoutingSpec(models: [
        TaskModelSpec(name: "auto", tasks: [
            "chat": "gpt-4o-mini", "code": "claude-sonnet", "reasoning": "gpt-4o", "tools": "claude-haiku",
            "structured": "gpt-4o-mini", "long_context": "deepseek-chat", "vision": "gpt-4o",
        ]),
    ])

    private static let providers: [ProviderSpec] = [
        ProviderSpec(name: "openai", kind: .openai, baseURL: "https://api.openai.com/v1", apiKeyEnv: "OPENAI_API_KEY"),
        ProviderSpec(
            name: "anthropic", kind: .anthropic, baseURL: "https://api.anthropic.com", apiKeyEnv: "ANTHROPIC_API_KEY"
        ),
        ProviderSpec(
            name: "azure", kind: .openaiCompatible, baseURL: "https://switchyard-eastus2.openai.azure.com/openai/v1",
            apiKeyEnv: "AZURE_OPENAI_API_KEY"
        ),
        ProviderSpec(
            name: "groq", kind: .openaiCompatible, baseURL: "https://api.groq.com/openai/v1", apiKeyEnv: "GROQ_API_KEY"
        ),
        ProviderSpec(
            name: "bedrock", kind: .openaiCompatible,
            baseURL: "https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1", apiKeyEnv: "AWS_BEARER_TOKEN_BEDROCK"
        ),
        ProviderSpec(
            name: "together", kind: .openaiCompatible, baseURL: "https://api.together.xyz/v1",
            apiKeyEnv: "TOGETHER_API_KEY"
        ),
    ]

    private static func deployment(
        _ model: String, _ provider: String, _ upstream: String, input: Double, output: Double,
        weight: Double = 1, priority: Int = 0, context: Int = 128_000
    ) -> DeploymentSpec {
        DeploymentSpec(
            id: "\(model)/\(provider)", model: model, provider: provider, upstreamModel: upstream,
            weight: weight, priority: priority, price: Price(inputPerMTok: input, outputPerMTok: output),
            contextWindow: context
        )
    }

    private static let deployments: [DeploymentSpec] = [
        deployment("gpt-4o", "openai", "gpt-4o-2024-11-20", input: 2.50, output: 10.00, weight: 3),
        deployment("gpt-4o", "azure", "gpt-4o", input: 2.50, output: 10.00, weight: 1),
        deployment("gpt-4o-mini", "openai", "gpt-4o-mini-2024-07-18", input: 0.15, output: 0.60, weight: 2),
        deployment("gpt-4o-mini", "azure", "gpt-4o-mini", input: 0.165, output: 0.66, weight: 1),
        deployment(
            "claude-sonnet", "anthropic", "claude-sonnet-4-5-20250929", input: 3.00, output: 15.00,
            priority: 0, context: 200_000
        ),
        deployment(
            "claude-sonnet", "bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0", input: 3.00, output: 15.00,
            priority: 1, context: 200_000
        ),
        deployment(
            "claude-haiku", "anthropic", "claude-haiku-4-5-20251001", input: 1.00, output: 5.00,
            priority: 0, context: 200_000
        ),
        deployment(
            "claude-haiku", "bedrock", "anthropic.claude-haiku-4-5-20251001-v1:0", input: 1.00, output: 5.00,
            priority: 1, context: 200_000
        ),
        deployment("llama-3.1-70b", "groq", "llama-3.1-70b-versatile", input: 0.59, output: 0.79),
        deployment(
            "llama-3.1-70b", "together", "meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo", input: 0.88, output: 0.88
        ),
        deployment("llama-3.1-70b", "bedrock", "meta.llama3-1-70b-instruct-v1:0", input: 0.72, output: 0.72),
        deployment("deepseek-chat", "bedrock", "deepseek.v3-v1:0", input: 0.58, output: 1.68, context: 163_840),
        deployment("deepseek-chat", "together", "deepseek-ai/DeepSeek-V3", input: 1.25, output: 1.25, context: 131_072),
        deployment("deepseek-chat", "azure", "DeepSeek-V3-0324", input: 1.14, output: 4.56, context: 131_072),
    ]

    private static let models: [ModelGroupSpec] = [
        ModelGroupSpec(
            name: "gpt-4o", strategy: .weighted, deployments: ["gpt-4o/openai", "gpt-4o/azure"],
            fallbacks: ["claude-sonnet"]
        ),
        ModelGroupSpec(
            name: "gpt-4o-mini", strategy: .weighted, deployments: ["gpt-4o-mini/openai", "gpt-4o-mini/azure"],
            fallbacks: ["claude-haiku"]
        ),
        ModelGroupSpec(
            name: "claude-sonnet", strategy: .priority, deployments: ["claude-sonnet/anthropic", "claude-sonnet/bedrock"],
            fallbacks: ["gpt-4o"]
        ),
        ModelGroupSpec(
            name: "claude-haiku", strategy: .priority, deployments: ["claude-haiku/anthropic", "claude-haiku/bedrock"],
            fallbacks: ["gpt-4o-mini"]
        ),
        ModelGroupSpec(
            name: "llama-3.1-70b", strategy: .latency,
            deployments: ["llama-3.1-70b/groq", "llama-3.1-70b/together", "llama-3.1-70b/bedrock"],
            fallbacks: ["deepseek-chat"]
        ),
        ModelGroupSpec(
            name: "deepseek-chat", strategy: .cost,
            deployments: ["deepseek-chat/bedrock", "deepseek-chat/together", "deepseek-chat/azure"],
            fallbacks: ["llama-3.1-70b", "gpt-4o-mini"]
        ),
    ]

    // Sized for the default 30 req/s (≈ $6.5/min overall): team-c and its notebook key pass 80 % within
    // about five minutes (then their requests are refused), the sonnet budget runs out within about a
    // quarter of an hour (then sonnet traffic moves to haiku), the global one stays comfortable.
    private static func budgets() -> [BudgetSpec] {
        [
            BudgetSpec(scope: .global, limit: 1_000, period: .daily),
            BudgetSpec(scope: .team("team-a"), limit: 120, period: .daily),
            BudgetSpec(scope: .team("team-b"), limit: 40, period: .daily),
            BudgetSpec(scope: .team("team-c"), limit: 5, period: .daily),
            BudgetSpec(scope: .key("team-c/notebook"), limit: 2.5, period: .daily),
            BudgetSpec(scope: .key("team-a/ci"), limit: 25, period: .weekly),
            BudgetSpec(scope: .model("claude-sonnet"), limit: 60, period: .daily, downgradeTo: "claude-haiku"),
        ]
    }

    private static func keys() -> [DemoKey] {
        [
            DemoKey(name: "team-a/chat-prod", team: "team-a", trafficWeight: 0.30, models: [
                ModelPreference("gpt-4o", weight: 0.35), ModelPreference("gpt-4o-mini", weight: 0.2),
                ModelPreference("claude-sonnet", weight: 0.15), ModelPreference("auto", weight: 0.3),
            ]),
            DemoKey(name: "team-a/ci", team: "team-a", trafficWeight: 0.20, models: [
                ModelPreference("gpt-4o-mini", weight: 0.6), ModelPreference("claude-haiku", weight: 0.4),
            ]),
            DemoKey(name: "team-b/agents", team: "team-b", trafficWeight: 0.20, models: [
                ModelPreference("claude-sonnet", weight: 0.6), ModelPreference("claude-haiku", weight: 0.2),
                ModelPreference("gpt-4o", weight: 0.2),
            ]),
            DemoKey(name: "team-b/support-bot", team: "team-b", trafficWeight: 0.10, models: [
                ModelPreference("claude-haiku", weight: 0.3), ModelPreference("gpt-4o-mini", weight: 0.3),
                ModelPreference("auto", weight: 0.4),
            ]),
            DemoKey(name: "team-c/batch", team: "team-c", trafficWeight: 0.12, models: [
                ModelPreference("llama-3.1-70b", weight: 0.6), ModelPreference("deepseek-chat", weight: 0.4),
            ]),
            DemoKey(name: "team-c/notebook", team: "team-c", trafficWeight: 0.08, models: [
                ModelPreference("deepseek-chat", weight: 0.4), ModelPreference("llama-3.1-70b", weight: 0.3),
                ModelPreference("claude-sonnet", weight: 0.3),
            ]),
        ]
    }
}

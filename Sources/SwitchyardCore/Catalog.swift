/// Wire family a provider speaks; decides the adapter the HTTP transport uses.
public enum ProviderKind: String, Sendable, Codable, CaseIterable, Hashable {
    case openai
    case openaiCompatible = "openai-compatible"
    case anthropic
    /// Azure OpenAI: OpenAI's wire format at per-deployment URLs with an `api-version`, keyed by `api-key`.
    case azureOpenAI = "azure-openai"
    /// Google's Gemini API: `/v1beta/models/{model}:generateContent`, keyed by `x-goog-api-key`.
    case gemini
    /// AWS Bedrock Runtime's Converse API, signed with SigV4 (`AWSSettings` says where and with which keys).
    case bedrock

    /// Where the provider's API lives when the config names no `base_url`; nil when it must name one.
    public var defaultBaseURL: String? {
        switch self {
        case .openai: "https://api.openai.com/v1"
        case .anthropic: "https://api.anthropic.com"
        case .gemini: "https://generativelanguage.googleapis.com"
        // Bedrock's follows from the region (`AWSSettings.defaultBaseURL`).
        case .openaiCompatible, .azureOpenAI, .bedrock: nil
        }
    }
}

/// How a provider serves the Responses API: its own `/responses` route, or chat completions translated to and from.
public enum ResponsesAPIMode: String, Sendable, Codable, CaseIterable, Hashable {
    case native
    case translated
}

/// An upstream provider account (one base URL, one key).
public struct ProviderSpec: Sendable, Codable, Hashable {
    public var name: String
    public var kind: ProviderKind
    public var baseURL: String?
    /// The environment variable holding the provider's API key.
    public var apiKeyEnv: String?
    /// A file holding the provider's API key (a mounted secret), as an alternative to `apiKeyEnv`.
    public var apiKeyFile: String?
    /// Azure OpenAI's `api-version` (`2024-10-21`), or `v1` for its version-less `/openai/v1` API.
    public var apiVersion: String?
    /// A Bedrock provider's region and credential variables; nil for every other kind.
    public var aws: AWSSettings?
    /// How Responses API requests reach the provider (`responses_api`); nil takes the kind's default.
    public var responsesAPI: ResponsesAPIMode?

    public init(
        name: String, kind: ProviderKind, baseURL: String? = nil, apiKeyEnv: String? = nil, apiKeyFile: String? = nil,
        apiVersion: String? = nil, aws: AWSSettings? = nil, responsesAPI: ResponsesAPIMode? = nil
    ) {
        self.name = name
        self.kind = kind
        self.baseURL = baseURL
        self.apiKeyEnv = apiKeyEnv
        self.apiKeyFile = apiKeyFile
        self.apiVersion = apiVersion
        self.aws = aws
        self.responsesAPI = responsesAPI
    }

    /// Whether `POST /v1/responses` is sent to the provider's own Responses API rather than translated to chat:
    /// OpenAI's by default; an OpenAI-compatible server or an Azure OpenAI resource on the `v1` API when its
    /// config says `responses_api: native` (most compatible servers have no Responses API).
    public var servesResponsesNatively: Bool {
        switch responsesAPI {
        case .native?: kind == .openai || kind == .openaiCompatible || (kind == .azureOpenAI && apiVersion == "v1")
        case .translated?: false
        case nil: kind == .openai
        }
    }

    /// The `base_url` in force: the configured one, else the kind's default.
    public var effectiveBaseURL: String? { baseURL ?? aws?.defaultBaseURL ?? kind.defaultBaseURL }

    /// The Azure OpenAI API version when none is configured: the latest generally available one.
    public static let defaultAzureAPIVersion = "2024-10-21"
}

/// List price in US dollars per one million tokens.
public struct Price: Sendable, Codable, Hashable {
    public var inputPerMTok: Double
    public var outputPerMTok: Double
    /// Price of prompt tokens served from the provider's prompt cache, when it has one.
    public var cachedInputPerMTok: Double?

    public init(inputPerMTok: Double, outputPerMTok: Double, cachedInputPerMTok: Double? = nil) {
        self.inputPerMTok = inputPerMTok
        self.outputPerMTok = outputPerMTok
        self.cachedInputPerMTok = cachedInputPerMTok
    }

    /// Cost in dollars of a call with these token counts.
    public func cost(inputTokens: Int, outputTokens: Int) -> Double {
        (Double(inputTokens) * inputPerMTok + Double(outputTokens) * outputPerMTok) / 1_000_000
    }
}

/// One place a public model can be served: a provider plus its upstream model id.
public struct DeploymentSpec: Sendable, Codable, Hashable, Identifiable {
    /// Unique id, by convention `"<model group>/<provider>"` (the catalog disambiguates duplicates).
    public var id: String
    /// The public model group this deployment serves.
    public var model: String
    public var provider: String
    public var upstreamModel: String
    /// Configured routing weight (weighted strategy); 0 means "receives no traffic".
    public var weight: Double
    /// Lower is preferred (priority strategy).
    public var priority: Int
    public var price: Price
    public var contextWindow: Int

    public init(
        id: String, model: String, provider: String, upstreamModel: String,
        weight: Double = 1, priority: Int = 0, price: Price, contextWindow: Int = 128_000
    ) {
        self.id = id
        self.model = model
        self.provider = provider
        self.upstreamModel = upstreamModel
        self.weight = weight
        self.priority = priority
        self.price = price
        self.contextWindow = contextWindow
    }
}

/// How a model group picks among its deployments.
public enum RoutingStrategyKind: String, Sendable, Codable, CaseIterable, Hashable {
    case weighted
    case latency
    case cost
    case priority
}

/// A public model name clients send, mapped to deployments, a strategy and a fallback chain.
public struct ModelGroupSpec: Sendable, Codable, Hashable {
    public var name: String
    public var strategy: RoutingStrategyKind
    /// Deployment ids in configuration order.
    public var deployments: [String]
    /// Model group names tried, in order, after every deployment of this group failed.
    public var fallbacks: [String]

    public init(name: String, strategy: RoutingStrategyKind, deployments: [String], fallbacks: [String] = []) {
        self.name = name
        self.strategy = strategy
        self.deployments = deployments
        self.fallbacks = fallbacks
    }
}

/// Everything the engine routes over. Immutable; overrides live in the engine, not here.
public struct Catalog: Sendable, Codable, Hashable {
    public var providers: [ProviderSpec]
    public var deployments: [DeploymentSpec]
    public var models: [ModelGroupSpec]
    /// Model names routed by task (`auto`), and how tasks are told apart.
    public var taskRouting: TaskRoutingSpec

    public init(
        providers: [ProviderSpec], deployments: [DeploymentSpec], models: [ModelGroupSpec],
        taskRouting: TaskRoutingSpec = TaskRoutingSpec()
    ) {
        self.providers = providers
        self.deployments = deployments
        self.models = models
        self.taskRouting = taskRouting
    }

    /// Problems that make the catalog unusable (unknown provider, dangling deployment or fallback, duplicate names).
    public func validationErrors() -> [String] {
        var errors: [String] = []
        let providerNames = Set(providers.map(\.name))
        let modelNames = Set(models.map(\.name))
        let deploymentIDs = Set(deployments.map(\.id))
        if providerNames.count != providers.count { errors.append("providers: duplicate provider name") }
        if modelNames.count != models.count { errors.append("models: duplicate model name") }
        if deploymentIDs.count != deployments.count { errors.append("deployments: duplicate deployment id") }
        for d in deployments {
            if !providerNames.contains(d.provider) {
                errors.append("deployment \(d.id): unknown provider '\(d.provider)'")
            }
            if !modelNames.contains(d.model) { errors.append("deployment \(d.id): unknown model '\(d.model)'") }
            if !InputBounds.weight.contains(d.weight) {
                errors.append("deployment \(d.id): weight must be \(InputBounds.describe(InputBounds.weight))")
            }
        }
        for m in models {
            if m.deployments.isEmpty { errors.append("model \(m.name): no deployments") }
            for id in m.deployments where !deploymentIDs.contains(id) {
                errors.append("model \(m.name): unknown deployment '\(id)'")
            }
            for f in m.fallbacks where !modelNames.contains(f) {
                errors.append("model \(m.name): unknown fallback model '\(f)'")
            }
            if m.fallbacks.contains(m.name) { errors.append("model \(m.name): falls back to itself") }
        }
        for t in taskRouting.models {
            if modelNames.contains(t.name) { errors.append("model \(t.name): both a model group and a task model") }
            if t.tasks[TaskName.chat.rawValue] == nil { errors.append("task model \(t.name): no chat entry") }
            for (task, groups) in t.tasks.sorted(by: { $0.key < $1.key }) {
                if groups.isEmpty { errors.append("task model \(t.name): \(task) maps to no model") }
                for group in groups where !modelNames.contains(group) {
                    errors.append("task model \(t.name): \(task) maps to unknown model '\(group)'")
                }
            }
            if let target = t.escalate?.to, !modelNames.contains(target) {
                errors.append("task model \(t.name): escalates to unknown model '\(target)'")
            }
        }
        for (team, tasks) in taskRouting.teamTasks.sorted(by: { $0.key < $1.key }) {
            for (task, groups) in tasks.sorted(by: { $0.key < $1.key }) {
                for group in groups where !modelNames.contains(group) {
                    errors.append("team \(team): \(task) maps to unknown model '\(group)'")
                }
            }
        }
        return errors
    }
}

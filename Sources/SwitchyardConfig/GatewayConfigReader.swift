import SwitchyardCore
import Yams

/// Turns the YAML tree into a `GatewayConfig`, checking types, ranges and cross-references.
enum GatewayConfigReader {
    /// `environment` supplies what the file may leave to it (a Bedrock provider's region).
    static func read(
        _ root: Node, catalog: PriceCatalog?, environment: [String: String], walker w: inout YAMLWalker
    ) -> GatewayConfig? {
        let sections = ["listen", "limits", "timeouts", "governance", "providers", "models", "teams", "budgets", "prices",
                        "tracing", "task_routing", "tls", "responses", "state"]
        guard let top = w.mapping(root, "", allowed: sections) else {
            return nil
        }
        let listen = top["listen"].flatMap { listenAddress($0, walker: &w) } ?? ListenAddress(host: "127.0.0.1", port: 8787)
        var maxBody = 4 * 1024 * 1024
        var clientLimits = ClientLimits()
        let limitFields = ["max_body_bytes", "max_connections", "header_timeout", "body_timeout", "idle_timeout"]
        if let limitsNode = top["limits"], let limits = w.mapping(limitsNode, "limits", allowed: limitFields) {
            if let node = limits["max_body_bytes"], let value = w.integer(node, "limits.max_body_bytes", minimum: 1, maximum: 1 << 30) {
                maxBody = value
            }
            if let node = limits["max_connections"],
               let value = w.integer(node, "limits.max_connections", minimum: 1, maximum: 1_000_000) {
                clientLimits.maxConnections = value
            }
            if let node = limits["header_timeout"], let value = w.duration(node, "limits.header_timeout") {
                clientLimits.headerTimeout = value
            }
            if let node = limits["body_timeout"], let value = w.duration(node, "limits.body_timeout") {
                clientLimits.bodyTimeout = value
            }
            if let node = limits["idle_timeout"], let value = w.duration(node, "limits.idle_timeout") {
                clientLimits.idleTimeout = value
            }
        }
        let timeouts = top["timeouts"].map { readTimeouts($0, "timeouts", walker: &w) } ?? Timeouts()

        var providers: [ProviderConfig] = []
        var providerNodes: [String: Node] = [:]
        // Providers declared with an error of their own: deployments naming them are not reported again.
        var brokenProviders: Set<String> = []
        if let node = top["providers"], let list = w.sequence(node, "providers") {
            for (i, item) in list.enumerated() {
                guard let provider = readProvider(item, "providers[\(i)]", environment: environment, walker: &w) else {
                    if let name = item.mapping?["name"]?.string { brokenProviders.insert(name) }
                    continue
                }
                if providerNodes[provider.spec.name] != nil {
                    w.error(item, "providers[\(i)].name", "duplicate provider name '\(provider.spec.name)'")
                    continue
                }
                providerNodes[provider.spec.name] = item
                providers.append(provider)
            }
        } else if top["providers"] == nil {
            w.error(root, "providers", "missing: at least one provider is required")
        }

        let policy = top["governance"].map { readGovernance($0, walker: &w) } ?? GovernancePolicy()
        let overrides = top["prices"].map { readPrices($0, walker: &w) } ?? [:]
        let pricing = DeploymentPricing(overrides: overrides, catalog: catalog)

        var models: [ModelConfig] = []
        var deployments: [DeploymentSpec] = []
        var unpriced: [String] = []
        var sources: [String: PriceSource] = [:]
        var fallbackRefs: [(model: String, name: String, node: Node, path: String)] = []
        var capabilities: [String: Set<ModelCapability>] = [:]
        var taskModels: [TaskMapRead] = []
        if let node = top["models"], let list = w.sequence(node, "models") {
            for (i, item) in list.enumerated() {
                let path = "models[\(i)]"
                if isTaskModel(item) {
                    if let read = readTaskModel(item, path, walker: &w) { taskModels.append(read) }
                    continue
                }
                guard let read = readModel(
                    item, path, providers: Set(providerNodes.keys), broken: brokenProviders, pricing: pricing, walker: &w) else {
                    continue
                }
                if models.contains(where: { $0.spec.name == read.model.spec.name }) {
                    w.error(item, "\(path).name", "duplicate model name '\(read.model.spec.name)'")
                    continue
                }
                models.append(read.model)
                deployments += read.deployments
                unpriced += read.unpriced
                sources.merge(read.sources) { _, new in new }
                capabilities.merge(read.capabilities) { _, new in new }
                fallbackRefs += read.fallbackRefs.map { (read.model.spec.name, $0.name, $0.node, $0.path) }
            }
        } else if top["models"] == nil {
            w.error(root, "models", "missing: at least one model is required")
        }
        let modelNames = Set(models.map(\.spec.name))
        for ref in fallbackRefs {
            if ref.name == ref.model {
                w.error(ref.node, ref.path, "model '\(ref.model)' cannot fall back to itself")
            } else if !modelNames.contains(ref.name) {
                w.error(ref.node, ref.path, "unknown model '\(ref.name)'; models: \(modelNames.sorted().joined(separator: ", "))")
            }
        }

        for (i, taskModel) in taskModels.enumerated()
        where modelNames.contains(taskModel.owner) || taskModels[..<i].contains(where: { $0.owner == taskModel.owner }) {
            w.error(taskModel.node, taskModel.path, "duplicate model name '\(taskModel.owner)'")
        }
        let routing = top["task_routing"].map { readTaskRouting($0, walker: &w) }
            ?? (longContextTokens: TaskClassifier.defaultLongContextTokens, rules: [])
        let teamTaskMaps = top["teams"].map { readTeamTaskMaps($0, walker: &w) } ?? []
        let deploymentsByModel = Dictionary(grouping: deployments, by: \.model)
        checkTaskMaps(taskModels, models: deploymentsByModel, capabilities: capabilities, rules: routing.rules,
                      longContextTokens: routing.longContextTokens, requireChat: true, walker: &w)
        checkTaskMaps(teamTaskMaps, models: deploymentsByModel, capabilities: capabilities, rules: routing.rules,
                      longContextTokens: routing.longContextTokens, requireChat: false, walker: &w)
        let taskRouting = TaskRoutingSpec(
            models: taskModels.map {
                TaskModelSpec(name: $0.owner, choices: taskDictionary($0), escalate: $0.escalate?.spec, prefer: $0.prefer)
            },
            rules: routing.rules, longContextTokens: routing.longContextTokens,
            teamTasks: Dictionary(teamTaskMaps.map { ($0.owner, taskDictionary($0)) }, uniquingKeysWith: { first, _ in first }))
        // Teams may be allowed a task model (`auto`): permissions are checked on the name the client sends.
        let permissible = modelNames.union(taskModels.map(\.owner))
        let teams = top["teams"].map { readTeams($0, models: permissible, walker: &w) } ?? []
        let budgets = top["budgets"].map {
            readBudgets($0, models: modelNames, teams: Set(teams.map(\.name)), walker: &w)
        } ?? []
        for id in unpriced {
            w.warning(root, "models", "deployment \(id) has no price: its cost is reported as unknown")
        }
        let tracing = top["tracing"].map { readTracing($0, walker: &w) } ?? TracingConfig()
        let responses = top["responses"].map { readResponses($0, walker: &w) } ?? ResponsesConfig()
        var config = GatewayConfig(
            listen: listen, maxBodyBytes: maxBody, timeouts: timeouts, providers: providers, models: models,
            deployments: deployments, budgets: budgets, unpricedDeployments: unpriced, policy: policy, teams: teams,
            priceOverrides: overrides.mapValues(\.price), priceSources: sources, catalogPricesTakenOn: catalog?.pricesTakenOn
        )
        config.tracing = tracing
        config.responses = responses
        config.state = top["state"].map { readState($0, walker: &w) } ?? StateConfig()
        config.clientLimits = clientLimits
        config.taskRouting = taskRouting
        config.caFile = top["tls"].flatMap { readTLS($0, "tls", walker: &w) }
        return config
    }

    private static func listenAddress(_ node: Node, walker w: inout YAMLWalker) -> ListenAddress? {
        guard let text = w.string(node, "listen") else { return nil }
        guard let address = ListenAddress(parsing: text) else {
            w.error(node, "listen", "expected host:port such as 127.0.0.1:8787, got '\(text)'")
            return nil
        }
        return address
    }

    private static func readTimeouts(_ node: Node, _ path: String, walker w: inout YAMLWalker) -> Timeouts {
        guard let map = w.mapping(node, path, allowed: ["connect", "first_token", "response", "total"]) else { return Timeouts() }
        var result = Timeouts()
        if let n = map["connect"] { result.connect = w.duration(n, w.join(path, "connect")) }
        if let n = map["first_token"] { result.firstToken = w.duration(n, w.join(path, "first_token")) }
        if let n = map["response"] { result.response = w.duration(n, w.join(path, "response")) }
        if let n = map["total"] { result.total = w.duration(n, w.join(path, "total")) }
        return result
    }

    private static func readProvider(
        _ node: Node, _ path: String, environment: [String: String], walker w: inout YAMLWalker
    ) -> ProviderConfig? {
        let fields = [
            "name", "kind", "base_url", "api_key_env", "api_key_file", "api_version", "responses_api", "timeouts", "proxy",
            "tls",
        ]
        guard let map = w.mapping(node, path, allowed: fields + awsFields) else {
            return nil
        }
        guard let nameNode = map["name"] else {
            w.error(node, w.join(path, "name"), "missing: every provider needs a name")
            return nil
        }
        guard let name = w.string(nameNode, w.join(path, "name")) else { return nil }
        guard let kindNode = map["kind"] else {
            w.error(node, w.join(path, "kind"), "missing: one of \(ProviderKind.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        guard let kind = w.oneOf(kindNode, w.join(path, "kind"), ProviderKind.self) else { return nil }
        var baseURL: String?
        if let n = map["base_url"], let url = w.string(n, w.join(path, "base_url")) {
            if url.hasPrefix("http://") || url.hasPrefix("https://") {
                baseURL = url
            } else {
                w.error(n, w.join(path, "base_url"), "expected an http:// or https:// URL, got '\(url)'")
            }
        } else if kind.defaultBaseURL == nil, kind != .bedrock, map["base_url"] == nil {
            let example = kind == .azureOpenAI ? " (https://RESOURCE.openai.azure.com)" : ""
            w.error(node, w.join(path, "base_url"), "missing: an \(kind.rawValue) provider needs its base_url\(example)")
        }
        var apiVersion: String?
        if let n = map["api_version"], let version = w.string(n, w.join(path, "api_version")) {
            if kind != .azureOpenAI {
                w.error(n, w.join(path, "api_version"), "only an azure-openai provider takes an api_version")
            } else if version.isEmpty || !version.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
                w.error(n, w.join(path, "api_version"), "expected an Azure OpenAI API version such as 2024-10-21 or v1, got '\(version)'")
            } else {
                apiVersion = version
            }
        }
        let responsesAPI = map["responses_api"].flatMap {
            readResponsesAPI($0, w.join(path, "responses_api"), kind: kind, apiVersion: apiVersion, walker: &w)
        }
        var keyEnv: String?
        if let n = map["api_key_env"], let env = w.string(n, w.join(path, "api_key_env")) {
            if env.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                keyEnv = env
            } else {
                w.error(n, w.join(path, "api_key_env"), "expected an environment variable name (the key itself never goes in the file)")
            }
        }
        var keyFile: String?
        if let n = map["api_key_file"], let file = w.string(n, w.join(path, "api_key_file")) {
            if keyEnv != nil {
                w.error(n, w.join(path, "api_key_file"), "give api_key_env or api_key_file, not both")
            } else {
                keyFile = file
            }
        }
        let aws = readAWS(node, map, path, kind: kind, environment: environment, walker: &w)
        let timeouts = map["timeouts"].map { readTimeouts($0, w.join(path, "timeouts"), walker: &w) } ?? Timeouts()
        return ProviderConfig(
            spec: ProviderSpec(name: name, kind: kind, baseURL: baseURL, apiKeyEnv: keyEnv, apiKeyFile: keyFile,
                               apiVersion: kind == .azureOpenAI ? apiVersion ?? ProviderSpec.defaultAzureAPIVersion : nil,
                               aws: aws, responsesAPI: responsesAPI),
            timeouts: timeouts, proxy: map["proxy"].flatMap { readProxy($0, w.join(path, "proxy"), walker: &w) },
            caFile: map["tls"].flatMap { readTLS($0, w.join(path, "tls"), walker: &w) })
    }

    /// `responses_api: native | translated`: whether `POST /v1/responses` goes to the provider's own Responses API.
    /// OpenAI-wire kinds only; on Azure OpenAI, native needs the version-less `v1` API.
    private static func readResponsesAPI(
        _ node: Node, _ path: String, kind: ProviderKind, apiVersion: String?, walker w: inout YAMLWalker
    ) -> ResponsesAPIMode? {
        guard let mode = w.oneOf(node, path, ResponsesAPIMode.self) else { return nil }
        switch kind {
        case .openai, .openaiCompatible:
            return mode
        case .azureOpenAI where mode == .native && apiVersion != "v1":
            w.error(node, path, "an azure-openai provider serves the Responses API natively only on api_version: v1")
            return nil
        case .azureOpenAI:
            return mode
        case .anthropic, .gemini, .bedrock:
            w.error(node, path, "only openai, openai-compatible and azure-openai providers take responses_api")
            return nil
        }
    }

    private struct ModelRead {
        var model: ModelConfig
        var deployments: [DeploymentSpec]
        var unpriced: [String]
        var sources: [String: PriceSource]
        var capabilities: [String: Set<ModelCapability>]
        var fallbackRefs: [(name: String, node: Node, path: String)]
    }

    private static func readModel(
        _ node: Node, _ path: String, providers: Set<String>, broken: Set<String>, pricing: DeploymentPricing,
        walker w: inout YAMLWalker
    ) -> ModelRead? {
        guard let map = w.mapping(node, path, allowed: ["name", "strategy", "deployments", "fallbacks", "timeouts"]) else {
            return nil
        }
        guard let nameNode = map["name"] else {
            w.error(node, w.join(path, "name"), "missing: every model needs the name clients send")
            return nil
        }
        guard let name = w.string(nameNode, w.join(path, "name")) else { return nil }
        let strategy = map["strategy"].flatMap { w.oneOf($0, w.join(path, "strategy"), RoutingStrategyKind.self) } ?? .weighted
        var deployments: [DeploymentSpec] = []
        var unpriced: [String] = []
        var sources: [String: PriceSource] = [:]
        var capabilities: [String: Set<ModelCapability>] = [:]
        if let list = map["deployments"].flatMap({ w.sequence($0, w.join(path, "deployments")) }) {
            if list.isEmpty { w.error(map["deployments"], w.join(path, "deployments"), "must list at least one deployment") }
            for (j, item) in list.enumerated() {
                let dpath = "\(path).deployments[\(j)]"
                guard let read = readDeployment(
                    item, dpath, model: name, providers: providers, broken: broken, pricing: pricing, walker: &w) else { continue }
                var spec = read.spec
                let taken = Set(deployments.map(\.id))
                var n = 2
                while taken.contains(spec.id) {
                    spec.id = "\(name)/\(spec.provider)#\(n)"
                    n += 1
                }
                deployments.append(spec)
                sources[spec.id] = read.source
                if let can = read.capabilities { capabilities[spec.id] = can }
                if read.source == .unknown { unpriced.append(spec.id) }
            }
        } else if map["deployments"] == nil {
            w.error(node, w.join(path, "deployments"), "missing: a model needs at least one deployment")
        }
        var refs: [(name: String, node: Node, path: String)] = []
        if let list = map["fallbacks"].flatMap({ w.sequence($0, w.join(path, "fallbacks")) }) {
            for (k, item) in list.enumerated() {
                let fpath = "\(path).fallbacks[\(k)]"
                if let target = w.string(item, fpath) { refs.append((target, item, fpath)) }
            }
        }
        let timeouts = map["timeouts"].map { readTimeouts($0, w.join(path, "timeouts"), walker: &w) } ?? Timeouts()
        let spec = ModelGroupSpec(name: name, strategy: strategy, deployments: deployments.map(\.id), fallbacks: refs.map(\.name))
        return ModelRead(
            model: ModelConfig(spec: spec, timeouts: timeouts), deployments: deployments, unpriced: unpriced, sources: sources,
            capabilities: capabilities, fallbackRefs: refs
        )
    }

    private static func readDeployment(
        _ node: Node, _ path: String, model: String, providers: Set<String>, broken: Set<String>,
        pricing: DeploymentPricing, walker w: inout YAMLWalker
    ) -> (spec: DeploymentSpec, source: PriceSource, capabilities: Set<ModelCapability>?)? {
        let allowed = ["provider", "model", "weight", "priority", "price", "context_window"]
        guard let map = w.mapping(node, path, allowed: allowed) else { return nil }
        guard let providerNode = map["provider"] else {
            w.error(node, w.join(path, "provider"), "missing: which provider serves this deployment")
            return nil
        }
        guard let provider = w.string(providerNode, w.join(path, "provider")) else { return nil }
        guard providers.contains(provider) else {
            // A provider declared with its own error has been reported there; naming it here would mislead.
            if broken.contains(provider) { return nil }
            let known = providers.sorted()
            let hint = YAMLWalker.closest(to: provider, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            w.error(providerNode, w.join(path, "provider"),
                    "unknown provider '\(provider)'\(hint); providers: \(known.joined(separator: ", "))")
            return nil
        }
        let upstream = map["model"].flatMap { w.string($0, w.join(path, "model")) } ?? model
        let weight = map["weight"].flatMap { w.number($0, w.join(path, "weight"), minimum: 0, maximum: InputBounds.weight.upperBound) } ?? 1
        let priority = map["priority"].flatMap { w.integer($0, w.join(path, "priority"), minimum: 0, maximum: 1_000_000) } ?? 0
        let explicitContext = map["context_window"].flatMap { w.integer($0, w.join(path, "context_window"), minimum: 1, maximum: InputBounds.tokens.upperBound) }
        let explicitPrice = map["price"].flatMap { readPrice($0, w.join(path, "price"), walker: &w) }
        let resolved = pricing.resolve(provider: provider, upstream: upstream, explicit: explicitPrice)
        let spec = DeploymentSpec(
            id: "\(model)/\(provider)", model: model, provider: provider, upstreamModel: upstream,
            weight: weight, priority: priority, price: resolved.price ?? Price(inputPerMTok: 0, outputPerMTok: 0),
            contextWindow: explicitContext ?? resolved.contextWindow ?? 128_000
        )
        return (spec, resolved.source, resolved.capabilities)
    }
}

import SwitchyardCore

/// Answers every call at once with fixed token counts, failing a given fraction with 503: measures the engine alone.
struct InstantTransport: UpstreamTransport {
    var failureEvery: Int = 0

    func send(_ call: UpstreamCall) async -> Result<UpstreamSuccess, UpstreamFailure> {
        if failureEvery > 0, call.request.inputTokens % failureEvery == 0, call.attempt == 1 {
            return .failure(UpstreamFailure(errorClass: .server, status: 503, message: "synthetic 503"))
        }
        return .success(UpstreamSuccess(inputTokens: call.request.inputTokens, outputTokens: 120, timeToFirstToken: 0.01))
    }
}

/// A catalog of `deployments` deployments over 4 providers, 4 per model group, every strategy in use.
enum SyntheticCatalog {
    static func make(deployments: Int) -> Catalog {
        let providers = ["alpha", "beta", "gamma", "delta"].map { ProviderSpec(name: $0, kind: .openaiCompatible) }
        let groups = max(1, deployments / providers.count)
        var specs: [DeploymentSpec] = []
        var models: [ModelGroupSpec] = []
        let strategies = RoutingStrategyKind.allCases
        for g in 0..<groups {
            let name = "model-\(g)"
            var ids: [String] = []
            for (p, provider) in providers.enumerated() {
                let id = "\(name)/\(provider.name)"
                ids.append(id)
                specs.append(DeploymentSpec(
                    id: id, model: name, provider: provider.name, upstreamModel: name, weight: Double(p + 1),
                    priority: p, price: Price(inputPerMTok: 0.5 + Double(p), outputPerMTok: 2 + Double(p) * 3)
                ))
            }
            let fallbacks = g + 1 < groups ? ["model-\(g + 1)"] : []
            models.append(ModelGroupSpec(name: name, strategy: strategies[g % strategies.count], deployments: ids, fallbacks: fallbacks))
        }
        return Catalog(providers: providers, deployments: specs, models: models)
    }
}

/// Wall-clock time whose backoff sleeps return at once, so retries cost engine work only.
struct NoWaitClock: EngineClock {
    private let system = SystemClock()
    func now() -> Double { system.now() }
    func sleep(seconds: Double) async throws { try Task.checkCancellation() }
}

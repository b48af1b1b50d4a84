import SwitchyardConfig
import SwitchyardCore

/// Where a configuration sends each deployment's calls: its provider's endpoint (with the key read at load) and
/// its timeouts.
struct UpstreamRoutes: Sendable {
    /// By deployment id: the provider's endpoint with the deployment's connect timeout.
    private var endpoints: [String: UpstreamEndpoint] = [:]
    /// By provider name, for deployments the config did not list.
    private var providerEndpoints: [String: UpstreamEndpoint] = [:]
    private var timeouts: [String: Timeouts] = [:]
    /// Keys that could not be read (the provider is called without one).
    private(set) var keyProblems: [String] = []

    /// Throws when a proxy variable or a CA bundle cannot be used (`UpstreamEgress`).
    init(config: GatewayConfig, environment: [String: String]) throws {
        let egress = try UpstreamEgress(config: config, environment: environment)
        let keys = config.providerKeys(environment: environment)
        let aws = config.awsCredentials(environment: environment)
        keyProblems = keys.problems + aws.problems
        for provider in config.providers {
            let connect = provider.timeouts.over(config.timeouts).over(.defaults).connect ?? 5
            providerEndpoints[provider.spec.name] = UpstreamEndpoint(
                provider: provider, apiKey: keys.keys[provider.spec.name],
                awsCredentials: aws.credentials[provider.spec.name], connectTimeout: connect, egress: egress)
        }
        for deployment in config.deployments {
            let limits = config.timeouts(for: deployment)
            timeouts[deployment.id] = limits
            guard let provider = config.providers.first(where: { $0.spec.name == deployment.provider }) else { continue }
            endpoints[deployment.id] = UpstreamEndpoint(
                provider: provider, apiKey: keys.keys[provider.spec.name],
                awsCredentials: aws.credentials[provider.spec.name], connectTimeout: limits.connect ?? 5,
                egress: egress)
        }
    }

    /// `next`, keeping this one's routes for deployments and providers `next` does not have (requests routed
    /// before a reload may still call them).
    func replaced(by next: UpstreamRoutes) -> UpstreamRoutes {
        var merged = next
        merged.endpoints.merge(endpoints) { new, _ in new }
        merged.providerEndpoints.merge(providerEndpoints) { new, _ in new }
        merged.timeouts.merge(timeouts) { new, _ in new }
        return merged
    }

    /// Providers whose key or AWS credentials differ in `next` (set, removed or rotated).
    func providersWithNewKeys(in next: UpstreamRoutes) -> Set<String> {
        Set(next.providerEndpoints.compactMap { name, endpoint in
            providerEndpoints[name].map {
                $0.apiKey != endpoint.apiKey || $0.signer?.credentials != endpoint.signer?.credentials
            } ?? false ? name : nil
        })
    }

    /// The endpoint and timeouts for a call to `deployment`; no endpoint when its provider is unknown.
    func route(for deployment: DeploymentSpec) -> (UpstreamEndpoint?, Timeouts) {
        (endpoints[deployment.id] ?? providerEndpoints[deployment.provider], timeouts[deployment.id] ?? .defaults)
    }
}

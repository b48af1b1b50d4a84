import SwitchyardWire

/// Where a token count comes from.
public enum TokenCountSource: Sendable, Hashable {
    /// The provider counted it on this deployment.
    case upstream(deployment: String)
    /// The gateway's own estimate (no deployment of the model counts tokens, or the one asked failed).
    case estimate
}

extension GatewayEngine {
    /// A prompt's token count for `POST /v1/messages/count_tokens`: passed through to an Anthropic deployment of
    /// the model that may take traffic now (the one routing would prefer first: lowest priority, then highest
    /// weight), else the gateway's estimate. Never an attempt: no health, metrics or spend change.
    public func countTokens(_ request: CountTokensRequest, requestID: String) async -> (tokens: Int, source: TokenCountSource) {
        let estimate = (TokenEstimate.inputTokens(request.request), TokenCountSource.estimate)
        guard let counter = transport as? any TokenCountingTransport,
              let deployment = tokenCountingDeployment(model: request.model) else { return estimate }
        switch await counter.countTokens(request, deployment: deployment, requestID: requestID) {
        case .success(let tokens): return (tokens, .upstream(deployment: deployment.id))
        case .failure: return estimate
        }
    }

    /// The Anthropic deployment of `model` a count would go to, if one may take traffic.
    func tokenCountingDeployment(model: String) -> DeploymentSpec? {
        let index = index
        guard let g = index.groupByName[model] else { return nil }
        let anthropic = Set(index.live.providers.filter { $0.kind == .anthropic }.map(\.name))
        let now = clock.now()
        let candidates = state.withLock { s in
            index.groupDeployments[g].filter { s.isAvailable($0, now: now) && s.overrides.weight[$0] > 0 }
                .map { (d: $0, weight: s.overrides.weight[$0]) }
        }
        return candidates
            .filter { anthropic.contains(index.deployment($0.d).provider) }
            .min { (index.priorities[$0.d], -$0.weight) < (index.priorities[$1.d], -$1.weight) }
            .map { index.deployment($0.d) }
    }
}

/// How a routing decision saw each deployment of a group, for traces. Called right after `pick`, under the same
/// lock, so the states and shares are the ones the pick used.
extension EngineState {
    /// Every deployment of group `g`: the candidates `pick` just offered the strategy (still in `scratch`), with
    /// their state and share, and the others with why they were not candidates.
    func routeCandidates(
        group g: Int, tried: [Int], picked: Int?, strategy: any RoutingStrategy, request: GatewayRequest, now: Double
    ) -> [RouteCandidateTrace] {
        let shares = scratch.isEmpty ? [] : strategy.shares(of: scratch, for: request)
        let deps = index.groupDeployments[g]
        var result: [RouteCandidateTrace] = []
        result.reserveCapacity(deps.count)
        for d in deps {
            let position = scratch.firstIndex { $0.index == d }
            let state = position.map { candidateState(scratch[$0], now: now) } ?? excludedState(d, tried: tried, now: now)
            result.append(RouteCandidateTrace(
                deployment: index.deployment(d).id, state: state, weight: overrides.weight[d],
                share: position.flatMap { $0 < shares.count ? shares[$0] : nil }, latency: deployments[d].ewma,
                priority: index.priorities[d], picked: d == picked))
        }
        return result
    }

    /// A candidate's condition: usable, but maybe only as a probe, past its in-flight limit, or a last resort.
    private func candidateState(_ c: RoutingCandidate, now: Double) -> String {
        let d = c.index
        if c.saturated { return "saturated" }
        if deployments[d].breaker.state == .halfOpen { return "half-open" }
        if deployments[d].isEjected(now: now) { return "ejected" }
        if overrides.draining[d] { return "draining" }
        return "available"
    }

    /// Why a deployment was not offered to the strategy, the most fundamental reason first.
    private func excludedState(_ d: Int, tried: [Int], now: Double) -> String {
        if tried.contains(d) { return "tried" }
        if !isEnabled(d) { return "disabled" }
        if overrides.weight[d] <= 0 || overrides.draining[d] { return "draining" }
        switch deployments[d].breaker.state {
        case .open: return "open"
        case .halfOpen where !deployments[d].breaker.admits: return "half-open"
        default: break
        }
        if deployments[d].isCooling(now: now) { return "cooling" }
        if deployments[d].isEjected(now: now) { return "ejected" }
        return "available"
    }
}

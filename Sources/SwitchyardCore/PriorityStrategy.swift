/// The lowest `priority` value first (weighted within a tier); spills to the next tier when every
/// deployment of the preferred tier is saturated. Unavailable deployments never reach a strategy.
public struct PriorityStrategy: RoutingStrategy {
    /// The configured strategy this implements.
    public var kind: RoutingStrategyKind { .priority }

    /// Creates the strategy.
    public init() {}

    /// Positions of the tier that takes traffic now.
    private func activeTier(_ candidates: [RoutingCandidate]) -> [Int] {
        let priorities = Set(candidates.map(\.priority)).sorted()
        for p in priorities {
            let tier = candidates.indices.filter { candidates[$0].priority == p && !candidates[$0].saturated }
            if !tier.isEmpty { return tier }
        }
        // Everything saturated: queue on the preferred tier rather than refuse.
        guard let first = priorities.first else { return [] }
        return candidates.indices.filter { candidates[$0].priority == first }
    }

    /// Picks a candidate position; nil when none may take traffic.
    public func pick(from candidates: [RoutingCandidate], for request: GatewayRequest, using rng: inout SeededGenerator) -> Int? {
        let tier = activeTier(candidates)
        if tier.count <= 1 { return tier.first }
        return weightedChoice(candidates, among: tier, using: &rng)
    }

    /// Expected traffic share per candidate, in candidate order.
    public func shares(of candidates: [RoutingCandidate], for request: GatewayRequest) -> [Double] {
        let tier = activeTier(candidates)
        let total = tier.reduce(0) { $0 + candidates[$1].weight }
        var result = [Double](repeating: 0, count: candidates.count)
        for p in tier { result[p] = total > 0 ? candidates[p].weight / total : 0 }
        return result
    }
}

/// Random choice proportional to weight.
public struct WeightedStrategy: RoutingStrategy {
    /// The configured strategy this implements.
    public var kind: RoutingStrategyKind { .weighted }

    /// Creates the strategy.
    public init() {}

    /// Picks a candidate position; nil when none may take traffic.
    public func pick(from candidates: [RoutingCandidate], for request: GatewayRequest, using rng: inout SeededGenerator) -> Int? {
        weightedChoice(candidates, among: candidates.indices, using: &rng)
    }

    /// Expected traffic share per candidate, in candidate order.
    public func shares(of candidates: [RoutingCandidate], for request: GatewayRequest) -> [Double] {
        let total = candidates.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return candidates.map { _ in 0 } }
        return candidates.map { $0.weight / total }
    }
}

/// The cheapest deployment for the request's estimated tokens; ties split by weight.
public struct LowestCostStrategy: RoutingStrategy {
    /// The configured strategy this implements.
    public var kind: RoutingStrategyKind { .cost }

    /// Creates the strategy.
    public init() {}

    /// Estimated dollars of a request on a candidate (prompt tokens plus the completion allowance).
    public static func estimatedCost(_ c: RoutingCandidate, for request: GatewayRequest) -> Double {
        c.price.cost(inputTokens: request.inputTokens, outputTokens: request.maxOutputTokens)
    }

    private func cheapest(_ candidates: [RoutingCandidate], for request: GatewayRequest) -> [Int] {
        guard let best = candidates.map({ Self.estimatedCost($0, for: request) }).min() else { return [] }
        // Relative tolerance so float noise does not break a tie between equal prices.
        let limit = best * (1 + 1e-9) + 1e-15
        return candidates.indices.filter { Self.estimatedCost(candidates[$0], for: request) <= limit }
    }

    /// Picks a candidate position; nil when none may take traffic.
    public func pick(from candidates: [RoutingCandidate], for request: GatewayRequest, using rng: inout SeededGenerator) -> Int? {
        let tied = cheapest(candidates, for: request)
        if tied.count <= 1 { return tied.first }
        return weightedChoice(candidates, among: tied, using: &rng)
    }

    /// Expected traffic share per candidate, in candidate order.
    public func shares(of candidates: [RoutingCandidate], for request: GatewayRequest) -> [Double] {
        let tied = cheapest(candidates, for: request)
        let total = tied.reduce(0) { $0 + candidates[$1].weight }
        var result = [Double](repeating: 0, count: candidates.count)
        for p in tied { result[p] = total > 0 ? candidates[p].weight / total : 0 }
        return result
    }
}

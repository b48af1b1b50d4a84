/// Power of two choices on the latency moving average: sample two candidates, take the faster.
/// Unmeasured deployments are explored first, and a small random share keeps slower ones measured.
public struct LeastLatencyStrategy: RoutingStrategy {
    /// The configured strategy this implements.
    public var kind: RoutingStrategyKind { .latency }
    /// Probability of a uniform random pick.
    public var exploration: Double

    /// Creates the strategy with an exploration probability.
    public init(exploration: Double = 0.05) {
        self.exploration = min(1, max(0, exploration))
    }

    /// Picks a candidate position; nil when none may take traffic.
    public func pick(from candidates: [RoutingCandidate], for request: GatewayRequest, using rng: inout SeededGenerator) -> Int? {
        let n = candidates.count
        guard n > 1 else { return n == 1 ? 0 : nil }
        let unmeasured = candidates.indices.filter { candidates[$0].latencyEWMA == nil }
        if !unmeasured.isEmpty {
            return unmeasured[Int(rng.next() % UInt64(unmeasured.count))]
        }
        if rng.nextUnit() < exploration {
            return Int(rng.next() % UInt64(n))
        }
        let a = Int(rng.next() % UInt64(n))
        var b = Int(rng.next() % UInt64(n - 1))
        if b >= a { b += 1 }
        return ewma(candidates[a]) <= ewma(candidates[b]) ? a : b
    }

    /// Expected traffic share per candidate, in candidate order.
    public func shares(of candidates: [RoutingCandidate], for request: GatewayRequest) -> [Double] {
        let n = candidates.count
        guard n > 1 else { return candidates.map { _ in 1 } }
        let unmeasured = candidates.filter { $0.latencyEWMA == nil }.count
        if unmeasured > 0 {
            return candidates.map { $0.latencyEWMA == nil ? 1 / Double(unmeasured) : 0 }
        }
        // Rank r (0 = fastest) wins the pairs it forms with slower candidates: 2(n-1-r) / (n(n-1)).
        let order = candidates.indices.sorted { ewma(candidates[$0]) < ewma(candidates[$1]) }
        var result = [Double](repeating: 0, count: n)
        let pairs = Double(n * (n - 1))
        for (rank, position) in order.enumerated() {
            let p2c = 2 * Double(n - 1 - rank) / pairs
            result[position] = exploration / Double(n) + (1 - exploration) * p2c
        }
        return result
    }

    private func ewma(_ c: RoutingCandidate) -> Double { c.latencyEWMA ?? 0 }
}

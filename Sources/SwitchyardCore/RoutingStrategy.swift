/// What a strategy knows about one available deployment when it picks.
public struct RoutingCandidate: Sendable, Hashable {
    /// The engine's index of the deployment (opaque to strategies).
    public var index: Int
    /// Current weight (> 0 for every candidate).
    public var weight: Double
    /// Lower is preferred.
    public var priority: Int
    /// List price of the deployment.
    public var price: Price
    /// Moving average of successful attempt latency in seconds; nil until measured.
    public var latencyEWMA: Double?
    /// Attempts in flight on the deployment.
    public var inFlight: Int
    /// At its in-flight limit: priority routing spills past it.
    public var saturated: Bool

    /// Creates a candidate.
    public init(
        index: Int, weight: Double, priority: Int = 0, price: Price, latencyEWMA: Double? = nil,
        inFlight: Int = 0, saturated: Bool = false
    ) {
        self.index = index
        self.weight = weight
        self.priority = priority
        self.price = price
        self.latencyEWMA = latencyEWMA
        self.inFlight = inFlight
        self.saturated = saturated
    }
}

/// Picks one deployment among the available candidates of a model group.
public protocol RoutingStrategy: Sendable {
    /// Which configured strategy this is.
    var kind: RoutingStrategyKind { get }
    /// Position in `candidates` of the pick, or nil when none may be picked. Candidates are all available.
    func pick(from candidates: [RoutingCandidate], for request: GatewayRequest, using rng: inout SeededGenerator) -> Int?
    /// Expected share 0…1 of traffic each candidate would get now (same order; sums to 1 unless empty).
    func shares(of candidates: [RoutingCandidate], for request: GatewayRequest) -> [Double]
}

/// Builds the strategy for a configured kind.
public func makeRoutingStrategy(_ kind: RoutingStrategyKind, exploration: Double = 0.05) -> any RoutingStrategy {
    switch kind {
    case .weighted: WeightedStrategy()
    case .latency: LeastLatencyStrategy(exploration: exploration)
    case .cost: LowestCostStrategy()
    case .priority: PriorityStrategy()
    }
}

/// Weighted random choice among positions, or nil when every weight is 0.
func weightedChoice(_ candidates: [RoutingCandidate], among positions: some Collection<Int>, using rng: inout SeededGenerator) -> Int? {
    var total = 0.0
    for p in positions { total += candidates[p].weight }
    guard total > 0 else { return nil }
    var target = rng.nextUnit() * total
    var last: Int?
    for p in positions where candidates[p].weight > 0 {
        last = p
        target -= candidates[p].weight
        if target < 0 { return p }
    }
    return last
}

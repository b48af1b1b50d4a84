/// Cumulative counters and current gauges of one deployment.
public struct DeploymentMetrics: Sendable, Hashable {
    public var id: String
    /// The model group it serves.
    public var model: String
    public var provider: String
    public var upstreamModel: String
    /// Attempts by outcome, every class present (zero when none).
    public var attempts: [AttemptOutcomeClass: UInt64]
    /// Latency of successful attempts (streams: the whole stream).
    public var latency: HistogramSnapshot
    /// Tokens billed on this deployment.
    public var inputTokens: UInt64
    public var outputTokens: UInt64
    /// Dollars billed on this deployment.
    public var spendUSD: Double
    public var breaker: BreakerState
    /// In a 429 cooldown now.
    public var cooling: Bool
    /// Neither the deployment nor its provider is disabled by an operator.
    public var enabled: Bool
    /// Routing weight in effect (overrides applied).
    public var weight: Double
    /// Attempts in flight now.
    public var inFlight: Int

    /// Creates deployment metrics.
    public init(
        id: String, model: String, provider: String, upstreamModel: String,
        attempts: [AttemptOutcomeClass: UInt64], latency: HistogramSnapshot, inputTokens: UInt64,
        outputTokens: UInt64, spendUSD: Double, breaker: BreakerState, cooling: Bool, enabled: Bool,
        weight: Double, inFlight: Int
    ) {
        self.id = id
        self.model = model
        self.provider = provider
        self.upstreamModel = upstreamModel
        self.attempts = attempts
        self.latency = latency
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.spendUSD = spendUSD
        self.breaker = breaker
        self.cooling = cooling
        self.enabled = enabled
        self.weight = weight
        self.inFlight = inFlight
    }
}

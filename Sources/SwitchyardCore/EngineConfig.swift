/// Circuit-breaker tuning for every deployment.
public struct BreakerConfig: Sendable, Hashable {
    /// Consecutive health failures that open the breaker.
    public var consecutiveFailures: Int = 5
    /// Error rate (0…1) over `errorRateWindow` above which the breaker opens.
    public var errorRateThreshold: Double = 0.5
    /// Seconds the error rate is measured over.
    public var errorRateWindow: Int = 30
    /// Requests needed in the window before the error rate may open the breaker.
    public var minRequests: Int = 20
    /// Seconds an open breaker waits before admitting one half-open probe.
    public var openInterval: Double = 15

    /// Defaults suited to a production gateway.
    public init() {}
}

/// Latency outlier ejection tuning.
public struct EjectionConfig: Sendable, Hashable {
    /// Whether latency outliers are ejected at all.
    public var enabled: Bool = true
    /// A deployment is ejected when its p95 exceeds `factor` × the median p95 of its group peers.
    public var factor: Double = 3
    /// Successful samples a deployment (and a peer) needs in the window to be judged.
    public var minSamples: Int = 20
    /// Seconds of latency history the p95 is computed over.
    public var window: Int = 30
    /// Seconds an ejected deployment stays out of rotation.
    public var interval: Double = 30

    /// Defaults suited to a production gateway.
    public init() {}
}

/// Every tunable of the engine: retries, health, metrics windows and ring capacities.
public struct EngineConfig: Sendable, Hashable {
    /// Extra attempts on the same deployment after a retryable failure.
    public var maxRetriesPerDeployment: Int = 1
    /// Cap on attempts per request across deployments and fallback groups.
    public var maxAttempts: Int = 8
    /// First backoff in seconds; doubles per retry.
    public var backoffBase: Double = 0.1
    /// Longest backoff in seconds; a 429 asking to wait longer moves on instead of retrying.
    public var backoffCap: Double = 2
    /// Circuit-breaker tuning.
    public var breaker = BreakerConfig()
    /// Cooldown in seconds after a 429 without `retry-after`.
    public var defaultCooldown: Double = 5
    /// Latency outlier ejection tuning.
    public var ejection = EjectionConfig()
    /// Seconds of per-second metric buckets kept (at least 300).
    public var windowSeconds: Int = 300
    /// Seconds that "per second" rates are averaged over.
    public var rateSeconds: Int = 10
    /// Points in per-second sparkline series.
    public var seriesPoints: Int = 60
    /// Probability the least-latency strategy picks at random to keep measuring slower deployments.
    public var latencyExploration: Double = 0.05
    /// Weight of the newest sample in the latency moving average.
    public var ewmaAlpha: Double = 0.3
    /// In-flight attempts at which a deployment counts as saturated (priority spill-over); nil = never.
    public var maxInFlightPerDeployment: Int? = nil
    /// Error rate over the rate window above which a deployment is shown as degraded.
    public var degradedErrorRate: Double = 0.05
    /// Events kept in the recent-events ring.
    public var eventCapacity: Int = 200
    /// Requests kept in the recent-requests ring.
    public var requestCapacity: Int = 500
    /// Audit records kept.
    public var auditCapacity: Int = 200

    /// Sensible defaults.
    public init() {}
}

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
    /// An outage opens the breaker at once: at least `outageMinAttempts` attempts ended within the last
    /// `outageWindow` seconds and at least `outageErrorRate` of them failed (429s are not counted).
    public var outageWindow: Double = 1
    /// Share of failed attempts (0…1) in `outageWindow` that means an outage.
    public var outageErrorRate: Double = 0.9
    /// Attempts needed in `outageWindow` before it may mean an outage.
    public var outageMinAttempts: Int = 3

    /// Defaults suited to a production gateway.
    public init() {}
}

/// Latency outlier ejection tuning (see `LatencyOutlier`).
public struct EjectionConfig: Sendable, Hashable {
    /// Whether latency outliers are ejected at all.
    public var enabled: Bool = true
    /// A deployment is ejected when its recent p95 exceeds `factor` × the baseline: the median p95 of its group
    /// peers over `baselineWindow`.
    public var factor: Double = 3
    /// Seconds (one-second buckets, the current one included) of the recent window a deployment is judged on.
    public var recentWindow: Int = 3
    /// A deployment with too few samples in `recentWindow` is judged on as many seconds as hold `minSamples`, up
    /// to this many: a quiet deployment is judged later, not never.
    public var recentWindowMax: Int = 10
    /// Seconds of peer latency the baseline is computed over.
    public var baselineWindow: Int = 30
    /// Successful samples a deployment needs in the recent window, and a peer in the baseline window, to be judged.
    public var minSamples: Int = 5
    /// Samples slower than `factor` × baseline the recent window must hold to eject: one or two slow requests
    /// never do.
    public var minSlow: Int = 3
    /// Seconds an ejected deployment stays out of rotation before it is tried again (on probation).
    public var ejectionSeconds: Double = 3
    /// On probation, the deployment is healthy again once its recent p95 is at most `recoverFactor` × baseline.
    public var recoverFactor: Double = 1.5
    /// Fresh samples the recent window needs to end probation.
    public var recoverySamples: Int = 3
    /// Seconds between evaluations.
    public var evaluationInterval: Double = 0.25

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

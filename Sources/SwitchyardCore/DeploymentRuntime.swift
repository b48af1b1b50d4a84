/// Mutable health and metrics of one deployment.
struct DeploymentRuntime {
    var breaker: CircuitBreaker
    /// Why the breaker last opened ("credential rejected (401)", "5 consecutive failures"), for the 503 that
    /// explains why nothing could be tried.
    var breakerReason: String?
    /// 429 cooldown end, epoch seconds.
    var coolingUntil: Double?
    /// Where latency outlier detection stands: normal, ejected or on probation.
    var latency = LatencyOutlier.normal
    /// The deployment's usual p95 when it left `normal`, held until it is back: its latency since then is what
    /// is being judged, not the yardstick.
    var usualLatency: Double?
    /// When its attempts in flight began.
    var attemptStarts = AttemptStarts()
    /// The latest attempts, for telling an outage at once.
    var burst = FailureBurst()
    /// Moving average of successful attempt latency, seconds.
    var ewma: Double?
    var inFlight = 0
    /// Per-attempt metrics.
    var metrics: RollingWindow

    init(config: EngineConfig) {
        breaker = CircuitBreaker(config: config.breaker)
        metrics = RollingWindow(seconds: max(300, config.windowSeconds))
    }

    func isCooling(now: Double) -> Bool { (coolingUntil ?? -.infinity) > now }
    func isEjected(now: Double) -> Bool { latency.isEjected(now: now) }
}

/// How one attempt ended, as the engine records it.
enum AttemptOutcome {
    case success(UpstreamSuccess)
    case failure(UpstreamFailure)
}

/// What the attempt loop needs to know after recording a failed attempt.
struct AttemptFollowUp {
    /// The deployment still admits attempts (its breaker did not open).
    var admits: Bool
}

/// Latency outlier detection for one deployment, after Envoy's outlier detection: the deployment's p95 over a
/// short window of one-second buckets is compared with a baseline — the median p95 of its group peers over a
/// longer window — and a deployment much slower than its peers is ejected for a short while, then watched.
///
/// `normal` → `ejected` when the recent window holds enough samples (`minSamples`), its p95 exceeds
/// `factor` × baseline and at least `minSlow` samples are that slow (so one or two slow requests never eject).
/// `ejected` → `probation` once `ejectionSeconds` have passed: the deployment takes traffic again but shows as
/// degraded. `probation` → `normal` once fresh samples put its p95 back under `recoverFactor` × baseline (the
/// gap between the two factors is the hysteresis that keeps a borderline deployment from flapping), or back to
/// `ejected` when it is still as slow as before.
enum LatencyOutlier: Sendable, Equatable {
    case normal
    /// Out of rotation until this time (epoch seconds).
    case ejected(until: Double)
    /// Back in rotation since this time, not yet shown to be fast again.
    case probation(since: Double)

    /// What one evaluation knows about the deployment.
    struct Reading: Sendable, Equatable {
        /// p95 of the recent window, seconds; nil without samples.
        var recentP95: Double?
        /// Successful samples in the recent window.
        var recentSamples: Int
        /// Samples in the recent window slower than `factor` × baseline.
        var slowSamples: Int
        /// The median p95 of the group's peers over the baseline window, seconds; nil when no peer has enough
        /// samples to compare with.
        var baseline: Double?
    }

    /// The latency above which a sample counts as slow, for `baseline`.
    static func slowThreshold(baseline: Double, config: EjectionConfig) -> Double { config.factor * baseline }

    /// The phase after one evaluation at `now`. `mayEject`: another deployment of the group still serves (the
    /// last one is never ejected).
    func next(_ reading: Reading, now: Double, config: EjectionConfig, mayEject: Bool) -> LatencyOutlier {
        switch self {
        case .normal:
            return Self.isOutlier(reading, config: config) && mayEject ? .ejected(until: now + config.ejectionSeconds) : .normal
        case .ejected(let until):
            return now >= until ? .probation(since: now) : self
        case .probation:
            if Self.isOutlier(reading, config: config) {
                return mayEject ? .ejected(until: now + config.ejectionSeconds) : self
            }
            // No peer to compare with any more: nothing says it is slow.
            guard let baseline = reading.baseline else { return .normal }
            guard reading.recentSamples >= config.recoverySamples, let p95 = reading.recentP95 else { return self }
            return p95 <= config.recoverFactor * baseline ? .normal : self
        }
    }

    /// Whether `reading` shows a deployment far slower than its peers.
    static func isOutlier(_ reading: Reading, config: EjectionConfig) -> Bool {
        guard let baseline = reading.baseline, baseline > 0, let p95 = reading.recentP95,
              reading.recentSamples >= config.minSamples else { return false }
        return p95 > slowThreshold(baseline: baseline, config: config) && reading.slowSamples >= config.minSlow
    }

    /// Whether the deployment is out of rotation at `now`.
    func isEjected(now: Double) -> Bool {
        if case .ejected(let until) = self { return until > now }
        return false
    }

    /// Whether the deployment is back in rotation but not yet shown to be fast.
    var onProbation: Bool {
        if case .probation = self { return true }
        return false
    }
}

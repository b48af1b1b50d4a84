/// Latency outlier detection for one deployment, after Envoy's outlier detection: the deployment's p95 over a
/// short window of one-second buckets is compared with a baseline — the median p95 of its group peers over a
/// longer window, and its own usual p95 — and a deployment much slower than its peers, or much slower than usual
/// and no faster than its peers, is ejected for a short while, then watched.
///
/// `normal` → `ejected` when the recent window holds enough samples (`minSamples`), its p95 exceeds the slow
/// threshold and at least `minSlow` samples are that slow (so one or two slow requests never eject); attempts
/// still running past the threshold count as slow samples.
/// `ejected` → `probation` once `ejectionSeconds` have passed: the deployment takes traffic again but shows as
/// degraded. `probation` → `normal` once fresh samples put its p95 back under the slow threshold scaled by
/// `recoverFactor` / `factor` (the gap between the two factors is the hysteresis that keeps a borderline deployment from flapping), or back to
/// `ejected` when it is still as slow as before.
enum LatencyOutlier: Sendable, Equatable {
    case normal
    /// Out of rotation until this time (epoch seconds).
    case ejected(until: Double)
    /// Back in rotation since this time, not yet shown to be fast again.
    case probation(since: Double)

    /// What a deployment's latency is compared with.
    struct Baseline: Sendable, Equatable {
        /// The median p95 of the group's peers over the baseline window, seconds; nil when no peer has enough
        /// samples to compare with.
        var peers: Double?
        /// The deployment's own p95 before the recent window (its usual latency), seconds; nil without enough
        /// samples. A fast deployment whose latency jumps to its slower peers' level is not slow next to them,
        /// yet something is wrong with it.
        var usual: Double?

        init(peers: Double? = nil, usual: Double? = nil) {
            self.peers = peers
            self.usual = usual
        }

        /// The latency above which a sample is slow: `factor` × the peers' p95, or, for a deployment usually
        /// faster than its peers, `factor` × its usual p95 once that is no faster than the peers (a fast
        /// deployment three times slower than usual but still faster than the rest keeps its traffic).
        func slowAbove(config: EjectionConfig) -> Double? {
            let f = config.factor
            guard f > 0, f.isFinite else { return nil }
            switch (Self.usable(peers), Self.usable(usual)) {
            case let (p?, u?): return min(f * p, max(f * u, p))
            case let (p?, nil): return f * p
            case let (nil, u?): return f * u
            case (nil, nil): return nil
            }
        }

        /// On probation, a p95 at or under this is fast again: the slow threshold scaled by `recoverFactor` /
        /// `factor`, the hysteresis band between the two.
        func recoverAtOrBelow(config: EjectionConfig) -> Double? {
            slowAbove(config: config).map { $0 * config.recoverFactor / config.factor }
        }

        /// What an ejection names as the comparison: "its usual" when its own history set the threshold.
        func reference(config: EjectionConfig) -> (seconds: Double, name: String)? {
            guard let slow = slowAbove(config: config) else { return nil }
            if let p = Self.usable(peers), slow >= config.factor * p { return (p, "peers") }
            // Otherwise the threshold came from its usual p95, which is then usable.
            return Self.usable(usual).map { ($0, "its usual") }
        }

        private static func usable(_ seconds: Double?) -> Double? {
            guard let s = seconds, s > 0, s.isFinite else { return nil }
            return s
        }
    }

    /// What one evaluation knows about the deployment.
    struct Reading: Sendable, Equatable {
        /// p95 of the recent window, seconds; nil without samples.
        var recentP95: Double?
        /// Successful samples in the recent window.
        var recentSamples: Int
        /// Samples in the recent window slower than the baseline's slow threshold.
        var slowSamples: Int
        /// Attempts still in flight that have already run past the slow threshold (each counted for one recent
        /// window after crossing it, as a finished sample would be): answers slower than the window itself
        /// would otherwise be seen only once they end.
        var slowInFlight: Int = 0
        var baseline: Baseline
    }

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
            // Nothing left to compare with: nothing says it is slow.
            guard let fast = reading.baseline.recoverAtOrBelow(config: config) else { return .normal }
            guard reading.recentSamples >= config.recoverySamples, reading.slowInFlight == 0,
                  let p95 = reading.recentP95 else { return self }
            return p95 <= fast ? .normal : self
        }
    }

    /// Whether `reading` shows a deployment far slower than its baseline.
    static func isOutlier(_ reading: Reading, config: EjectionConfig) -> Bool {
        guard let slow = reading.baseline.slowAbove(config: config) else { return false }
        let samples = reading.recentSamples + reading.slowInFlight
        let slowOnes = reading.slowSamples + reading.slowInFlight
        guard samples >= config.minSamples, slowOnes >= config.minSlow else { return false }
        if let p95 = reading.recentP95, p95 > slow { return true }
        // With answers still running past the threshold, p95 of what finished understates: count them in.
        return reading.slowInFlight > 0 && slowOnes * 20 > samples
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

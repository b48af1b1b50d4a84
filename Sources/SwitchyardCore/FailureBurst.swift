/// A deployment's latest attempts with their times, for telling an outage at once: when the latest attempts, as
/// far back as a second, nearly all failed, the upstream is down — long before five failures in a row or an
/// error rate over 30 s say so on a deployment that gets a few requests a second. Rate limiting (429) is left
/// out: the upstream answered.
struct FailureBurst {
    private struct Outcome {
        var time: Double
        var failed: Bool
    }

    private var outcomes: BoundedRing<Outcome>

    /// Keeps the latest `capacity` attempts (more than a window of interest ever needs to hold).
    init(capacity: Int = 64) {
        outcomes = BoundedRing(capacity: capacity)
    }

    /// Records an attempt that ended at `time`, failed or not.
    mutating func record(at time: Double, failed: Bool) {
        outcomes.append(Outcome(time: time, failed: failed))
    }

    /// The latest attempts that look like an outage, counted back from `now` no further than
    /// `config.outageWindow` seconds: the most of them (at least `config.outageMinAttempts`) of which at least
    /// `config.outageErrorRate` failed; nil when no such run exists. Counting back from the newest means the
    /// successes from just before an outage began do not hide it for a whole window.
    func outage(now: Double, config: BreakerConfig) -> (attempts: Int, failures: Int)? {
        var attempts = 0, failures = 0
        var found: (attempts: Int, failures: Int)?
        for outcome in outcomes.elements.reversed() {
            guard outcome.time > now - config.outageWindow else { break }
            guard outcome.time <= now else { continue }
            attempts += 1
            if outcome.failed { failures += 1 }
            if attempts >= max(1, config.outageMinAttempts), Double(failures) >= config.outageErrorRate * Double(attempts) {
                found = (attempts, failures)
            }
        }
        return found
    }
}

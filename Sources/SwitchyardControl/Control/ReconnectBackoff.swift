/// Delays between reconnect attempts: doubling from `initial` to `maximum`, spread by ± `jitter` so that many
/// dashboards do not reconnect in lockstep after a gateway restart.
public struct ReconnectBackoff: Sendable, Hashable {
    /// Delay after the first failure, seconds.
    public var initial: Double
    /// Longest delay, seconds.
    public var maximum: Double
    /// Fraction 0…1 by which a delay is randomly lengthened or shortened.
    public var jitter: Double

    /// 250 ms doubling to 5 s, ± 20 %.
    public init(initial: Double = 0.25, maximum: Double = 5, jitter: Double = 0.2) {
        self.initial = initial
        self.maximum = maximum
        self.jitter = jitter
    }

    /// Seconds to wait after `failures` consecutive failures (≥ 1); `unit` is a random draw in 0..<1.
    public func delay(afterFailures failures: Int, unit: Double) -> Double {
        let doublings = Double(max(0, min(failures - 1, 30)))
        let base = min(maximum, initial * pow2(doublings))
        let spread = 1 + jitter * (2 * min(max(unit, 0), 1) - 1)
        return min(maximum, max(0, base * spread))
    }

    private func pow2(_ n: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(n) { result *= 2 }
        return result
    }
}

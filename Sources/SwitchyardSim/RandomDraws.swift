import Foundation

/// Continuous distributions the simulator samples from, on top of any (seeded) generator. Internal so
/// importers do not see these names on every generator.
extension RandomNumberGenerator {
    /// A uniform draw in [0, 1).
    mutating func unitDraw() -> Double {
        Double.random(in: 0..<1, using: &self)
    }

    /// A standard normal draw (Box–Muller; one of the pair is discarded to keep the generator stateless).
    mutating func standardNormal() -> Double {
        // 1 - u keeps the argument of log strictly positive.
        let u1 = 1 - unitDraw()
        let u2 = unitDraw()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A log-normal draw parameterised by its median (e^µ) and the sigma of the underlying normal.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * standardNormal())
    }

    /// An exponential draw with the given rate (events per unit); the gap between Poisson arrivals.
    mutating func exponential(rate: Double) -> Double {
        guard rate > 0 else { return .infinity }
        return -log(1 - unitDraw()) / rate
    }

    /// Picks an index with probability proportional to `weights`; nil when no weight is positive.
    mutating func weightedIndex(_ weights: [Double]) -> Int? {
        let total = weights.reduce(0) { $0 + max(0, $1) }
        guard total > 0 else { return nil }
        var target = unitDraw() * total
        var lastPositive: Int?
        for (i, w) in weights.enumerated() where w > 0 {
            lastPositive = i
            if target < w { return i }
            target -= w
        }
        // Rounding can leave a sliver past the last bucket.
        return lastPositive
    }
}

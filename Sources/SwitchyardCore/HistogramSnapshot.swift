/// A cumulative histogram as Prometheus exposes it.
public struct HistogramSnapshot: Sendable, Hashable {
    /// Finite upper bounds (`le`), ascending.
    public var bounds: [Double]
    /// Observations ≤ each bound, then the `+Inf` bucket last (`bounds.count + 1` entries, non-decreasing).
    public var cumulativeCounts: [UInt64]
    /// Sum of all observed values, seconds.
    public var sum: Double

    /// Creates a histogram snapshot from cumulative counts.
    public init(bounds: [Double], cumulativeCounts: [UInt64], sum: Double) {
        self.bounds = bounds
        self.cumulativeCounts = cumulativeCounts
        self.sum = sum
    }

    /// Number of observations: the `+Inf` bucket.
    public var count: UInt64 { cumulativeCounts.last ?? 0 }
}

/// Fixed Prometheus histogram bounds (`le`, seconds): one set for latencies, one for the time per output token.
public struct MetricsBuckets: Sendable, Hashable {
    /// Upper bounds of the finite buckets, ascending; a `+Inf` bucket follows them.
    public let bounds: [Double]

    /// Request, attempt and first-token latency: from 10 ms (a cached or nearby model's first token) to 2 min.
    public static let latency = MetricsBuckets(bounds: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120])

    /// Seconds per output token after the first: from 1 ms (~1,000 tokens/s) to 1 s.
    public static let perToken = MetricsBuckets(bounds: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1])

    /// Number of buckets including `+Inf`.
    public var slots: Int { bounds.count + 1 }

    /// Index of the first bucket whose bound is ≥ `seconds` (the `+Inf` bucket for anything larger).
    func slot(of seconds: Double) -> Int {
        var i = 0
        // A linear scan over a dozen bounds beats a binary search at this size and never allocates.
        while i < bounds.count, seconds > bounds[i] { i += 1 }
        return i
    }
}

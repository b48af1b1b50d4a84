/// Fixed Prometheus histogram bounds (`le`, seconds) shared by every latency histogram in `/metrics`.
public enum MetricsBuckets {
    /// Upper bounds of the finite buckets, ascending; a `+Inf` bucket follows them.
    public static let bounds: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]

    /// Number of buckets including `+Inf`.
    public static let slots = bounds.count + 1

    /// Index of the first bucket whose bound is ≥ `seconds` (the `+Inf` bucket for anything larger).
    static func slot(of seconds: Double) -> Int {
        var i = 0
        // A linear scan over a dozen bounds beats a binary search at this size and never allocates.
        while i < bounds.count, seconds > bounds[i] { i += 1 }
        return i
    }
}

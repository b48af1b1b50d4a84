/// Rows of fixed-bucket histograms in flat storage: one row per deployment or model, no allocation per sample.
struct HistogramTable {
    let buckets: MetricsBuckets
    private let slots: Int
    /// Non-cumulative counts, `rows × slots`.
    private var counts: [UInt64]
    private var sums: [Double]

    init(rows: Int, buckets: MetricsBuckets = .latency) {
        self.buckets = buckets
        slots = buckets.slots
        counts = Array(repeating: 0, count: rows * buckets.slots)
        sums = Array(repeating: 0, count: rows)
    }

    /// The table with `count` empty rows inserted before row `row` (rows from `row` on move down).
    func inserting(rows count: Int, at row: Int) -> HistogramTable {
        guard count > 0 else { return self }
        var grown = self
        grown.counts.insert(contentsOf: repeatElement(0, count: count * slots), at: row * slots)
        grown.sums.insert(contentsOf: repeatElement(0, count: count), at: row)
        return grown
    }

    /// Adds one observation in seconds to `row`; non-finite values are dropped, negative ones count as 0.
    mutating func observe(row: Int, seconds: Double) {
        guard seconds.isFinite else { return }
        let v = max(0, seconds)
        counts[row * slots + buckets.slot(of: v)] &+= 1
        sums[row] += v
    }

    /// The row as a Prometheus histogram: cumulative bucket counts, sum and count.
    func snapshot(row: Int) -> HistogramSnapshot {
        var cumulative: [UInt64] = []
        cumulative.reserveCapacity(slots)
        var running: UInt64 = 0
        let base = row * slots
        for i in 0..<slots {
            running &+= counts[base + i]
            cumulative.append(running)
        }
        return HistogramSnapshot(bounds: buckets.bounds, cumulativeCounts: cumulative, sum: sums[row])
    }
}

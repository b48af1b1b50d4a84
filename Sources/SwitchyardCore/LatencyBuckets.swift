import Foundation

/// Fixed log-spaced latency buckets from 1 ms to ~120 s, each `ratio` wider than the last.
/// Bucket 0 holds everything under 1 ms; the last bucket everything above the top edge.
public enum LatencyBuckets {
    /// Lower edge of bucket 1, seconds.
    public static let floor = 0.001
    /// Width ratio between consecutive buckets; a percentile read from a bucket is off by at most this factor.
    public static let ratio = 1.15
    private static let logRatio = log(ratio)
    /// Number of buckets, including the under- and overflow ones.
    public static let count: Int = Int((log(120.0 / floor) / log(ratio)).rounded(.up)) + 2

    /// Bucket index for a latency in seconds.
    public static func index(of seconds: Double) -> Int {
        guard seconds >= floor else { return 0 }
        let i = Int(log(seconds / floor) / logRatio) + 1
        return min(i, count - 1)
    }

    /// Representative value (geometric middle) of a bucket, seconds.
    public static func value(of index: Int) -> Double {
        if index <= 0 { return floor / 2 }
        let lower = floor * pow(ratio, Double(index - 1))
        return lower * ratio.squareRoot()
    }

    /// The `q` quantile (0…1) of a histogram of counts, or nil when it is empty.
    static func quantile(_ q: Double, counts: [UInt32], total: Int) -> Double? {
        guard total > 0 else { return nil }
        let rank = max(1, Int((q * Double(total)).rounded(.up)))
        var seen = 0
        for (i, c) in counts.enumerated() where c > 0 {
            seen += Int(c)
            if seen >= rank { return value(of: i) }
        }
        return value(of: count - 1)
    }
}

/// Sums of a rolling window over a span of seconds.
struct WindowTotals {
    var requests = 0
    var errors = [Int](repeating: 0, count: ErrorClass.count)
    var inputTokens = 0
    var outputTokens = 0
    var cost = 0.0

    var errorCount: Int { errors.reduce(0, +) }
    /// Failures that count against a deployment's health (everything but client errors).
    var healthFailures: Int { errorCount - errors[ErrorClass.other.ordinal] }
}

/// A ring of one-second buckets reused in place: counts, errors by class, latency and TTFT histograms,
/// tokens and cost. Recording is O(1) (amortised: a stale bucket is cleared when first reused).
struct RollingWindow {
    let size: Int
    private let bins = LatencyBuckets.count
    private var tags: [Int64]
    private var requests: [Int32]
    private var errors: [Int32]
    private var latency: [UInt32]
    private var ttft: [UInt32]
    private var latencyCount: [Int32]
    private var ttftCount: [Int32]
    private var inputTokens: [Int]
    private var outputTokens: [Int]
    private var cost: [Double]

    init(seconds: Int) {
        size = max(1, seconds)
        tags = Array(repeating: Int64.min, count: size)
        requests = Array(repeating: 0, count: size)
        errors = Array(repeating: 0, count: size * ErrorClass.count)
        latency = Array(repeating: 0, count: size * LatencyBuckets.count)
        ttft = Array(repeating: 0, count: size * LatencyBuckets.count)
        latencyCount = Array(repeating: 0, count: size)
        ttftCount = Array(repeating: 0, count: size)
        inputTokens = Array(repeating: 0, count: size)
        outputTokens = Array(repeating: 0, count: size)
        cost = Array(repeating: 0, count: size)
    }

    private static func second(_ time: Double) -> Int64 { Int64(time.rounded(.down)) }

    private func slot(of second: Int64) -> Int {
        let m = Int(second % Int64(size))
        return m < 0 ? m + size : m
    }

    /// Slot for `time`, clearing it first when it still holds an older second.
    private mutating func claim(_ time: Double) -> Int {
        let sec = Self.second(time)
        let s = slot(of: sec)
        if tags[s] < sec {
            tags[s] = sec
            requests[s] = 0
            latencyCount[s] = 0
            ttftCount[s] = 0
            inputTokens[s] = 0
            outputTokens[s] = 0
            cost[s] = 0
            for c in 0..<ErrorClass.count { errors[s * ErrorClass.count + c] = 0 }
            let base = s * bins
            for b in base..<(base + bins) {
                latency[b] = 0
                ttft[b] = 0
            }
        }
        return s
    }

    /// Records one request (or attempt) finished at `time`.
    mutating func record(
        at time: Double, latency seconds: Double?, ttft: Double?, error: ErrorClass?,
        inputTokens tokensIn: Int = 0, outputTokens tokensOut: Int = 0, cost dollars: Double = 0
    ) {
        let s = claim(time)
        requests[s] &+= 1
        if let error { errors[s * ErrorClass.count + error.ordinal] &+= 1 }
        if let seconds {
            latency[s * bins + LatencyBuckets.index(of: seconds)] &+= 1
            latencyCount[s] &+= 1
        }
        if let ttft {
            self.ttft[s * bins + LatencyBuckets.index(of: ttft)] &+= 1
            ttftCount[s] &+= 1
        }
        inputTokens[s] &+= tokensIn
        outputTokens[s] &+= tokensOut
        cost[s] += dollars
    }

    /// Slots holding seconds in (now - seconds, now - skipping], newest first.
    private func liveSlots(lastSeconds: Int, now: Double, skippingNewest skipping: Int = 0) -> [Int] {
        let current = Self.second(now)
        let span = min(max(1, lastSeconds), size)
        let skip = min(max(0, skipping), span)
        var out: [Int] = []
        out.reserveCapacity(span - skip)
        for k in Int64(skip)..<Int64(span) {
            let sec = current - k
            let s = slot(of: sec)
            if tags[s] == sec { out.append(s) }
        }
        return out
    }

    /// Sums over the last `lastSeconds` seconds ending at `now`.
    func totals(lastSeconds: Int, now: Double) -> WindowTotals {
        var t = WindowTotals()
        for s in liveSlots(lastSeconds: lastSeconds, now: now) {
            t.requests += Int(requests[s])
            for c in 0..<ErrorClass.count { t.errors[c] += Int(errors[s * ErrorClass.count + c]) }
            t.inputTokens += inputTokens[s]
            t.outputTokens += outputTokens[s]
            t.cost += cost[s]
        }
        return t
    }

    /// Latency (or TTFT) quantiles in seconds over the last `lastSeconds`, leaving out the newest `skipping`;
    /// nil entries when there is no sample.
    func quantiles(
        _ qs: [Double], lastSeconds: Int, skippingNewest skipping: Int = 0, now: Double, timeToFirstToken: Bool = false
    ) -> [Double?] {
        var merged = [UInt32](repeating: 0, count: bins)
        var total = 0
        for s in liveSlots(lastSeconds: lastSeconds, now: now, skippingNewest: skipping) {
            total += Int(timeToFirstToken ? ttftCount[s] : latencyCount[s])
            let base = s * bins
            if timeToFirstToken {
                for b in 0..<bins { merged[b] &+= ttft[base + b] }
            } else {
                for b in 0..<bins { merged[b] &+= latency[base + b] }
            }
        }
        return qs.map { LatencyBuckets.quantile($0, counts: merged, total: total) }
    }

    /// Latency samples recorded over the last `lastSeconds`, leaving out the newest `skipping`.
    func latencySamples(lastSeconds: Int, skippingNewest skipping: Int = 0, now: Double) -> Int {
        liveSlots(lastSeconds: lastSeconds, now: now, skippingNewest: skipping).reduce(0) { $0 + Int(latencyCount[$1]) }
    }

    /// Latency samples slower than `seconds` (by bucket: the bucket holding `seconds` is not counted) over the
    /// last `lastSeconds`.
    func latencySamples(above seconds: Double, lastSeconds: Int, now: Double) -> Int {
        let first = LatencyBuckets.index(of: seconds) + 1
        guard first < bins else { return 0 }
        var n = 0
        for s in liveSlots(lastSeconds: lastSeconds, now: now) {
            let base = s * bins
            for b in first..<bins { n += Int(latency[base + b]) }
        }
        return n
    }

    /// Per-second latency quantile, oldest first, 0 for seconds without samples.
    func quantileSeries(_ q: Double, points: Int, now: Double) -> [Double] {
        let current = Self.second(now)
        var out: [Double] = []
        out.reserveCapacity(points)
        var counts = [UInt32](repeating: 0, count: bins)
        for k in stride(from: Int64(points - 1), through: 0, by: -1) {
            let sec = current - k
            let s = slot(of: sec)
            guard k < Int64(size), tags[s] == sec, latencyCount[s] > 0 else {
                out.append(0)
                continue
            }
            for b in 0..<bins { counts[b] = latency[s * bins + b] }
            out.append(LatencyBuckets.quantile(q, counts: counts, total: Int(latencyCount[s])) ?? 0)
        }
        return out
    }

    /// Per-second error counts of one class, oldest first.
    func errorSeries(_ errorClass: ErrorClass, points: Int, now: Double) -> [Double] {
        let current = Self.second(now)
        var out: [Double] = []
        out.reserveCapacity(points)
        for k in stride(from: Int64(points - 1), through: 0, by: -1) {
            let sec = current - k
            let s = slot(of: sec)
            if k < Int64(size), tags[s] == sec {
                out.append(Double(errors[s * ErrorClass.count + errorClass.ordinal]))
            } else {
                out.append(0)
            }
        }
        return out
    }
}

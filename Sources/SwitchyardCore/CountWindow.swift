/// A ring of per-second sums of one quantity (fallbacks, budget burn): O(1) to add, O(window) to read.
struct CountWindow {
    private var tags: [Int64]
    private var values: [Double]

    init(seconds: Int) {
        tags = Array(repeating: Int64.min, count: max(1, seconds))
        values = Array(repeating: 0, count: max(1, seconds))
    }

    mutating func add(_ amount: Double, at time: Double) {
        let sec = Int64(time.rounded(.down))
        let n = Int64(tags.count)
        let s = Int(((sec % n) + n) % n)
        if tags[s] < sec {
            tags[s] = sec
            values[s] = 0
        }
        values[s] += amount
    }

    /// Sum over the last `lastSeconds` seconds ending at `now`.
    func sum(lastSeconds: Int, now: Double) -> Double {
        let current = Int64(now.rounded(.down))
        let n = Int64(tags.count)
        var total = 0.0
        for k in 0..<min(Int64(lastSeconds), n) {
            let sec = current - k
            let s = Int(((sec % n) + n) % n)
            if tags[s] == sec { total += values[s] }
        }
        return total
    }
}

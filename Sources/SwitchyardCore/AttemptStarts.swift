/// When a deployment's attempts in flight began, oldest first, so latency outlier detection can count answers
/// that are still running past the slow threshold.
///
/// Attempts are not told apart: one that ends takes the oldest start away. When they end out of order the
/// starts kept are younger than the true ones, so slow attempts in flight are undercounted, never invented.
struct AttemptStarts {
    private var starts: [Double] = []
    private var head = 0

    var count: Int { starts.count - head }

    mutating func begin(at time: Double) {
        starts.append(time)
    }

    mutating func end() {
        guard head < starts.count else { return }
        head += 1
        if head == starts.count {
            starts.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 32, head * 2 >= starts.count {
            starts.removeFirst(head)
            head = 0
        }
    }

    /// Attempts that began in [`now` − `upTo`, `now` − `over`): running longer than `over` seconds, and not yet
    /// `upTo`.
    func running(longerThan over: Double, notLongerThan upTo: Double, now: Double) -> Int {
        var n = 0
        for k in head..<starts.count {
            let age = now - starts[k]
            if age <= over { break }
            if age <= upTo { n += 1 }
        }
        return n
    }
}

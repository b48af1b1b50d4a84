/// The figures latency outlier detection compares deployments with, computed once a second: each deployment's
/// p95 over the baseline window (what its peers are compared with) and its usual p95 before the recent window
/// (what it is compared with itself). Indexed by deployment; nil where there are too few samples.
struct LatencyBaselines {
    var second: Int64 = .min
    var p95: [Double?] = []
    var usual: [Double?] = []
}

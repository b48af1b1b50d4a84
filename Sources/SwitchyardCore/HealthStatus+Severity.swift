extension HealthStatus {
    /// Rank for "worst of": later cases are worse.
    var severity: Int {
        switch self {
        case .healthy: 0
        case .degraded: 1
        case .cooling: 2
        case .ejected: 3
        case .open: 4
        case .draining: 5
        case .disabled: 6
        }
    }
}

extension GatewayEngine {
    /// Cumulative counters and current gauges for Prometheus (`PrometheusExposition.render`).
    public func metricsSnapshot() -> MetricsSnapshot {
        let now = clock.now()
        var snapshot = state.withLock { $0.metricsSnapshot(now: now) }
        snapshot.budgets = admission?.budgetSnapshots(now: now) ?? []
        snapshot.traceExport = tracer?.exportQueue?.counts
        return snapshot
    }
}

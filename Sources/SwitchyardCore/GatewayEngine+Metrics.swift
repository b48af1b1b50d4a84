extension GatewayEngine {
    /// Cumulative counters and current gauges for Prometheus (`PrometheusExposition.render`).
    public func metricsSnapshot() -> MetricsSnapshot {
        let now = clock.now()
        return state.withLock { $0.metricsSnapshot(now: now) }
    }
}

extension GatewayEngine {
    /// The gateway's full state now, for dashboards and scripts.
    public func snapshot(info: GatewayInfo) -> GatewaySnapshot {
        let now = clock.now()
        return state.withLock { $0.snapshot(info: info, now: now, strategies: strategies) }
    }
}

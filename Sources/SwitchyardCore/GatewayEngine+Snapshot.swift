extension GatewayEngine {
    /// The gateway's full state now, for dashboards and scripts.
    public func snapshot(info: GatewayInfo) -> GatewaySnapshot {
        let now = clock.now()
        // Admission control has its own lock: ask it before taking the engine's, never while holding it.
        let budgets = admission?.budgetSnapshots(now: now) ?? []
        let spend = admission?.spendSnapshot(now: now) ?? SpendSnapshot()
        var snapshot = state.withLock {
            $0.snapshot(info: info, now: now, budgets: budgets, spend: spend)
        }
        snapshot.sharedState = sharedState?.current
        return snapshot
    }
}

/// Taking a reloaded routing table: state for the slots it added, overrides carried over by name.
extension EngineState {
    /// Moves to `routing`'s index. Operator overrides on what is still configured stay; those on providers and
    /// deployments the new catalog dropped go, and are returned in words for the audit trail. The undo stack
    /// starts again: its entries describe the catalog before.
    /// Deployments of `renewedProviders` (their credentials changed) get a closed breaker: what opened it may
    /// be what the reload fixed.
    mutating func adopt(_ routing: RoutingTable, renewedProviders: Set<String> = [], now: Double) -> [String] {
        let previous = index
        let next = routing.index
        let window = max(300, config.windowSeconds)
        let newDeployments = next.catalog.deployments.count - deployments.count
        if newDeployments > 0 {
            deployments.append(contentsOf: (0..<newDeployments).map { _ in DeploymentRuntime(config: config) })
        }
        let newModels = next.catalog.models.count - modelMetrics.count
        if newModels > 0 {
            modelMetrics.append(contentsOf: (0..<newModels).map { _ in RollingWindow(seconds: window) })
            modelInputTokens.append(contentsOf: repeatElement(0, count: newModels))
            modelOutputTokens.append(contentsOf: repeatElement(0, count: newModels))
            modelCost.append(contentsOf: repeatElement(0, count: newModels))
        }
        metrics.grow(deployments: next.catalog.deployments.count, models: next.catalog.models.count)

        let base = OverrideState(catalog: next.catalog)
        var carried = base
        var dropped: [String] = []
        let liveProviders = Set(next.liveProviders)
        let liveDeployments = Set(next.liveDeployments)
        for p in previous.catalog.providers.indices where overrides.providerDisabled[p] {
            if liveProviders.contains(p) {
                carried.providerDisabled[p] = true
            } else {
                dropped.append("provider \(previous.catalog.providers[p].name) disabled")
            }
        }
        for d in previous.catalog.deployments.indices {
            let id = previous.deployment(d).id
            let kept = liveDeployments.contains(d)
            if overrides.deploymentDisabled[d] {
                if kept { carried.deploymentDisabled[d] = true } else { dropped.append("\(id) disabled") }
            }
            if overrides.draining[d] {
                if kept { carried.draining[d] = true } else { dropped.append("\(id) draining") }
            }
            if overrides.weight[d] != baseOverrides.weight[d] {
                if kept {
                    carried.weight[d] = overrides.weight[d]
                } else {
                    dropped.append("\(id) weight \(InputBounds.formatNumber(overrides.weight[d]))")
                }
            }
        }
        baseOverrides = base
        overrides = carried
        undoStack.removeAll()
        taskModelDeployments = routing.taskModelDeployments
        strategies = routing.strategies
        index = next
        for d in next.liveDeployments where renewedProviders.contains(next.deployment(d).provider) {
            deployments[d].breakerReason = nil
            let spec = next.deployment(d)
            if deployments[d].breaker.reset() == .closed {
                emit(.breakerClosed, now: now, model: spec.model, from: spec.id, to: nil, reason: "provider key reloaded")
            }
        }
        scratch.reserveCapacity(next.catalog.deployments.count)
        return dropped
    }
}

/// Building a `MetricsSnapshot`: O(deployments + models × status codes), under the lock, never per request.
extension EngineState {
    mutating func metricsSnapshot(now: Double) -> MetricsSnapshot {
        let catalog = index.catalog
        for d in index.liveDeployments { refresh(d, now: now) }
        var deploymentMetrics: [DeploymentMetrics] = []
        deploymentMetrics.reserveCapacity(index.liveDeployments.count)
        for d in index.liveDeployments {
            let spec = catalog.deployments[d]
            var attempts: [AttemptOutcomeClass: UInt64] = [:]
            for outcome in AttemptOutcomeClass.allCases { attempts[outcome] = metrics.attempts(d, outcome) }
            let rt = deployments[d]
            deploymentMetrics.append(DeploymentMetrics(
                id: spec.id, model: spec.model, provider: spec.provider, upstreamModel: spec.upstreamModel,
                attempts: attempts, latency: metrics.attemptLatency.snapshot(row: d),
                inputTokens: metrics.inputTokens[d], outputTokens: metrics.outputTokens[d], spendUSD: metrics.spend[d],
                breaker: rt.breaker.state, cooling: rt.isCooling(now: now), enabled: isEnabled(d),
                weight: overrides.weight[d], inFlight: rt.inFlight))
        }
        var modelMetrics: [ModelMetrics] = []
        modelMetrics.reserveCapacity(index.liveGroups.count)
        for g in index.liveGroups {
            let spec = catalog.models[g]
            var fallbacks: [FallbackScope: UInt64] = [:]
            for scope in FallbackScope.allCases { fallbacks[scope] = metrics.fallbacks(g, scope) }
            var servedBy: [String: UInt64] = [:]
            for (other, count) in metrics.servedCounts(row: g).enumerated() where count > 0 {
                servedBy[catalog.models[other].name] = count
            }
            modelMetrics.append(ModelMetrics(
                name: spec.name, requests: metrics.statusCounts(row: g),
                duration: metrics.requestLatency.snapshot(row: g),
                timeToFirstToken: metrics.timeToFirstToken.snapshot(row: g), fallbacks: fallbacks,
                timePerOutputToken: metrics.timePerOutputToken.snapshot(row: g), servedBy: servedBy))
        }
        let keys = metrics.byKey.map { KeyTotals(key: $0.key.key, team: $0.key.team, totals: $0.value) }
            .sorted { ($0.key, $0.team ?? "") < ($1.key, $1.team ?? "") }
        return MetricsSnapshot(
            inFlightRequests: inFlight, deployments: deploymentMetrics, models: modelMetrics,
            unknownModelRequests: metrics.statusCounts(row: catalog.models.count), ledgerErrors: metrics.ledgerErrors,
            keys: keys, teams: metrics.byTeam)
    }
}

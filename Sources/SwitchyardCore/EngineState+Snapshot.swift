/// Building a `GatewaySnapshot`: O(deployments × buckets), done under the lock but never per request.
extension EngineState {
    mutating func snapshot(
        info: GatewayInfo, now: Double, budgets: [BudgetSnapshot], spend: SpendSnapshot
    ) -> GatewaySnapshot {
        let catalog = index.catalog
        for d in index.liveDeployments { refresh(d, now: now) }
        // Time alone moves latency outliers on (an ejection ends, a quiet deployment's window empties).
        evaluateEjectionsIfDue(now: now)
        let rateSpan = max(1, config.rateSeconds)
        let window = max(300, config.windowSeconds)
        let perSecond = 1 / Double(rateSpan)

        // Traffic shares per group from its strategy over the currently available candidates.
        var shares = [Double](repeating: 0, count: catalog.deployments.count)
        for g in index.liveGroups {
            let spec = catalog.models[g]
            fillCandidates(group: g, excluding: [], now: now)
            let probe = GatewayRequest(id: "", model: spec.name, inputTokens: 1000, maxOutputTokens: 500)
            let s = strategies[g].shares(of: scratch, for: probe)
            for (k, c) in scratch.enumerated() where index.groupOf[c.index] == g { shares[c.index] = s[k] }
        }

        // By slot (retired slots stay empty); listed in the live catalog's order.
        var deploymentTotals = [WindowTotals?](repeating: nil, count: catalog.deployments.count)
        var deploymentSnaps = [DeploymentSnapshot?](repeating: nil, count: catalog.deployments.count)
        for d in index.liveDeployments {
            let spec = catalog.deployments[d]
            let rt = deployments[d]
            let recent = rt.metrics.totals(lastSeconds: rateSpan, now: now)
            deploymentTotals[d] = recent
            let q = rt.metrics.quantiles([0.5, 0.95, 0.99], lastSeconds: window, now: now)
            let errorRate = recent.requests > 0 ? Double(recent.errorCount) / Double(recent.requests) : 0
            let status = deploymentStatus(d, now: now, errorRate: errorRate)
            deploymentSnaps[d] = DeploymentSnapshot(
                id: spec.id, model: spec.model, provider: spec.provider, upstreamModel: spec.upstreamModel,
                weight: overrides.weight[d], trafficShare: shares[d], enabled: isEnabled(d),
                draining: overrides.draining[d], breaker: rt.breaker.state,
                coolingUntil: rt.isCooling(now: now) ? rt.coolingUntil : nil, ejected: rt.isEjected(now: now),
                status: status, requestsPerSecond: Double(recent.requests) * perSecond, errorRate: errorRate,
                latencyP50: (q[0] ?? 0) * 1000, latencyP95: (q[1] ?? 0) * 1000, latencyP99: (q[2] ?? 0) * 1000,
                inFlight: rt.inFlight, price: spec.price)
        }

        let allAttempts = deploymentTotals.reduce(0) { $0 + ($1?.requests ?? 0) }
        let providerSnaps: [ProviderSnapshot] = index.liveProviders.map { p in
            let spec = catalog.providers[p]
            let members = index.liveDeployments.filter { index.providerOf[$0] == p }
            let snaps = members.compactMap { deploymentSnaps[$0] }
            let requests = members.reduce(0) { $0 + (deploymentTotals[$1]?.requests ?? 0) }
            let errors = members.reduce(0) { $0 + (deploymentTotals[$1]?.errorCount ?? 0) }
            // A deployment the operator switched off doesn't make its provider look broken; a provider whose
            // deployments are all switched off is itself effectively disabled.
            let serving = snaps.map(\.status).filter { $0 != .disabled }
            let worst = members.isEmpty ? .healthy
                : serving.max { $0.severity < $1.severity } ?? .disabled
            return ProviderSnapshot(
                name: spec.name, kind: spec.kind, enabled: !overrides.providerDisabled[p],
                status: overrides.providerDisabled[p] ? .disabled : worst,
                trafficShare: allAttempts > 0 ? Double(requests) / Double(allAttempts) : 0,
                requestsPerSecond: Double(requests) * perSecond,
                errorRate: requests > 0 ? Double(errors) / Double(requests) : 0,
                openBreakers: snaps.filter { $0.breaker == .open }.count,
                halfOpenBreakers: snaps.filter { $0.breaker == .halfOpen }.count,
                deploymentIDs: snaps.map(\.id))
        }

        let modelSnaps: [ModelSnapshot] = index.liveGroups.map { g in
            let spec = catalog.models[g]
            let m = modelMetrics[g]
            let recent = m.totals(lastSeconds: rateSpan, now: now)
            let q = m.quantiles([0.5, 0.95, 0.99], lastSeconds: window, now: now)
            let ttft = m.quantiles([0.5], lastSeconds: window, now: now, timeToFirstToken: true)[0]
            return ModelSnapshot(
                name: spec.name, strategy: spec.strategy, requestsPerSecond: Double(recent.requests) * perSecond,
                errorRate: recent.requests > 0 ? Double(recent.errorCount) / Double(recent.requests) : 0,
                latencyP50: (q[0] ?? 0) * 1000, latencyP95: (q[1] ?? 0) * 1000, latencyP99: (q[2] ?? 0) * 1000,
                ttftP50: (ttft ?? 0) * 1000,
                latencySeries: m.quantileSeries(0.5, points: config.seriesPoints, now: now).map { $0 * 1000 },
                inputTokens: modelInputTokens[g], outputTokens: modelOutputTokens[g], cost: modelCost[g],
                fallbacks: spec.fallbacks, deploymentIDs: spec.deployments)
        }

        let attemptTotals = attempts.totals(lastSeconds: rateSpan, now: now)
        let errorSnaps = ErrorClass.allCases.map { c in
            ErrorClassSnapshot(
                errorClass: c, perSecond: Double(attemptTotals.errors[c.ordinal]) * perSecond,
                series: attempts.errorSeries(c, points: config.seriesPoints, now: now))
        }

        let recent = global.totals(lastSeconds: rateSpan, now: now)
        let totals = TotalsSnapshot(
            requestsPerSecond: Double(recent.requests) * perSecond,
            errorRate: recent.requests > 0 ? Double(recent.errorCount) / Double(recent.requests) : 0,
            spendPerHour: recent.cost * perSecond * 3600,
            tokensPerSecond: Double(recent.inputTokens + recent.outputTokens) * perSecond,
            inFlight: inFlight, totalRequests: totalRequests, totalCost: totalCost,
            fallbacksPerMinute: fallbacks.sum(lastSeconds: 60, now: now))

        var snapshot = GatewaySnapshot(
            info: info, time: now, totals: totals, providers: providerSnaps,
            deployments: index.liveDeployments.compactMap { deploymentSnaps[$0] },
            models: modelSnaps, errors: errorSnaps, budgets: budgets, events: events.elements,
            requests: requests.elements, audit: audit.elements, canUndo: !undoStack.isEmpty, spend: spend)
        let routing = taskRoutingRows(now: now)
        if !routing.isEmpty { snapshot.routing = routing }
        return snapshot
    }

    /// The worst condition that applies to a deployment.
    func deploymentStatus(_ d: Int, now: Double, errorRate: Double) -> HealthStatus {
        let rt = deployments[d]
        if !isEnabled(d) { return .disabled }
        if overrides.draining[d] || overrides.weight[d] <= 0 { return .draining }
        if rt.breaker.state != .closed { return .open }
        if rt.isEjected(now: now) { return .ejected }
        if rt.isCooling(now: now) { return .cooling }
        if errorRate > config.degradedErrorRate || rt.latency.onProbation { return .degraded }
        return .healthy
    }
}

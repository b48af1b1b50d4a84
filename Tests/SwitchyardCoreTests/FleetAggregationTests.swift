import Testing
@testable import SwitchyardCore

/// Snapshots of several replicas merged into the fleet's: sums, weighted error rates, worst health, the slowest
/// percentile among replicas with traffic, and the checks a fleet-wide command gets against the merged names.
@Suite struct FleetAggregationTests {
    static func deployment(_ id: String, provider: String, rps: Double, err: Double, p95: Double,
                           status: HealthStatus = .healthy, breaker: BreakerState = .closed) -> DeploymentSnapshot {
        DeploymentSnapshot(
            id: id, model: "gpt-4o", provider: provider, upstreamModel: "gpt-4o", weight: 1, trafficShare: 0.5,
            enabled: true, draining: false, breaker: breaker, coolingUntil: nil, ejected: false, status: status,
            requestsPerSecond: rps, errorRate: err, latencyP50: p95 / 2, latencyP95: p95, latencyP99: p95 * 1.5,
            inFlight: 2, price: Price(inputPerMTok: 2.5, outputPerMTok: 10))
    }

    static func replica(rps: Double, err: Double, p95: Double, status: HealthStatus = .healthy, spent: Double,
                        breaker: BreakerState = .closed, eventTime: Double) -> GatewaySnapshot {
        let deployments = [
            deployment("gpt-4o/openai", provider: "openai", rps: rps, err: err, p95: p95, status: status, breaker: breaker),
            deployment("gpt-4o/azure", provider: "azure", rps: 0, err: 0, p95: 100),
        ]
        let providers = ["openai", "azure"].map { name in
            ProviderSnapshot(name: name, kind: .openai, enabled: true,
                             status: deployments.first { $0.provider == name }?.status ?? .healthy,
                             trafficShare: name == "openai" ? 1 : 0, requestsPerSecond: name == "openai" ? rps : 0,
                             errorRate: name == "openai" ? err : 0, openBreakers: breaker == .open && name == "openai" ? 1 : 0,
                             halfOpenBreakers: 0, deploymentIDs: ["gpt-4o/\(name)"])
        }
        let model = ModelSnapshot(
            name: "gpt-4o", strategy: .weighted, requestsPerSecond: rps, errorRate: err, latencyP50: p95 / 2,
            latencyP95: p95, latencyP99: p95 * 1.5, ttftP50: 90, latencySeries: [p95 / 2, p95 / 2], inputTokens: 100,
            outputTokens: 50, cost: 1.5, fallbacks: [], deploymentIDs: deployments.map(\.id))
        let budget = BudgetSnapshot(scope: .global, period: .daily, limit: 100, spent: spent, resetsAt: nil,
                                    burnPerHour: 2, secondsToExhaustion: nil)
        let event = GatewayEvent(sequence: 1, time: eventTime, kind: .cooldown, model: "gpt-4o", from: "gpt-4o/openai",
                                 to: nil, reason: "429")
        return GatewaySnapshot(
            info: GatewayInfo(mode: "serve", address: nil, version: "0.1.0", startedAt: 0), time: 10,
            totals: TotalsSnapshot(requestsPerSecond: rps, errorRate: err, spendPerHour: 3, tokensPerSecond: 10,
                                   inFlight: 2, totalRequests: 1000, totalCost: 5, fallbacksPerMinute: 1),
            providers: providers, deployments: deployments, models: [model],
            errors: [ErrorClassSnapshot(errorClass: .timeout, perSecond: err * rps, series: [1, 2, 3])],
            budgets: [budget], events: [event], requests: [], audit: [], canUndo: true)
    }

    static let info = GatewayInfo(mode: "fleet", address: nil, version: "0.1.0", startedAt: 0)

    @Test func ratesAreSummedAndErrorRatesWeightedByTraffic() {
        let fleet = FleetAggregation.merge(
            [Self.replica(rps: 30, err: 0.1, p95: 400, spent: 10, eventTime: 5),
             Self.replica(rps: 10, err: 0.5, p95: 900, spent: 15, eventTime: 3)],
            info: Self.info, time: 11)
        #expect(fleet.totals.requestsPerSecond == 40)
        #expect(abs(fleet.totals.errorRate - 0.2) < 1e-9)  // (30·0.1 + 10·0.5) / 40
        #expect(fleet.totals.totalRequests == 2000)
        #expect(fleet.totals.inFlight == 4)
        #expect(fleet.providers.map(\.name) == ["openai", "azure"])
        #expect(fleet.providers[0].requestsPerSecond == 40)
        #expect(fleet.providers[0].trafficShare == 1)
        #expect(fleet.deployments.count == 2)
        #expect(fleet.deployments[0].inFlight == 4)
        #expect(fleet.models[0].inputTokens == 200)
        #expect(fleet.errors[0].series == [2, 4, 6])
        #expect(fleet.budgets.count == 1)
        #expect(fleet.budgets[0].spent == 25)
        #expect(fleet.budgets[0].burnPerHour == 4)
        #expect(fleet.budgets[0].secondsToExhaustion == 75.0 / 4 * 3600)
        // Both replicas' events, by time and numbered anew.
        #expect(fleet.events.map(\.time) == [3, 5])
        #expect(fleet.events.map(\.sequence) == [1, 2])
        #expect(fleet.info.mode == "fleet")
    }

    @Test func theSlowestPercentileWithTrafficAndTheWorstHealthWin() {
        let fleet = FleetAggregation.merge(
            [Self.replica(rps: 30, err: 0, p95: 400, spent: 0, eventTime: 1),
             Self.replica(rps: 5, err: 0.9, p95: 2_000, status: .open, spent: 0, breaker: .open, eventTime: 2),
             Self.replica(rps: 0, err: 0, p95: 9_000, spent: 0, eventTime: 3)],
            info: Self.info, time: 11)
        let openai = fleet.deployments[0]
        // The idle replica's stale 9 s does not count; the busy slow one's 2 s does.
        #expect(openai.latencyP95 == 2_000)
        #expect(fleet.models[0].latencyP95 == 2_000)
        #expect(openai.status == .open)
        #expect(openai.breaker == .open)
        #expect(fleet.providers[0].status == .open)
        #expect(fleet.providers[0].openBreakers == 1)
        // A deployment no replica sends traffic to keeps the slowest of all.
        #expect(fleet.deployments[1].latencyP95 == 100)
        #expect(FleetAggregation.latencyP95(Self.replica(rps: 1, err: 0, p95: 700, spent: 0, eventTime: 0)) == 700)
    }

    @Test func noReplicasMergeIntoAnEmptyFleet() {
        let fleet = FleetAggregation.merge([], info: Self.info, time: 1)
        #expect(fleet.totals == TotalsSnapshot())
        #expect(fleet.providers.isEmpty)
        #expect(fleet.events.isEmpty)
    }

    @Test func fleetCommandsAreCheckedAgainstTheMergedNames() {
        let catalog = FleetAggregation.merge([Self.replica(rps: 1, err: 0, p95: 1, spent: 0, eventTime: 0)],
                                             info: Self.info, time: 1)
        let none = StoredOverrides()
        #expect(FleetOverrideChange.apply(.disableProvider("openai"), to: none, catalog: catalog)
            == .changed(StoredOverrides(disabledProviders: ["openai"]), before: "enabled", after: "disabled"))
        #expect(FleetOverrideChange.apply(.disableProvider("openai"), to: StoredOverrides(disabledProviders: ["openai"]),
                                          catalog: catalog) == .unchanged("provider openai is already disabled"))
        #expect(FleetOverrideChange.apply(.enableProvider("openai"), to: StoredOverrides(disabledProviders: ["openai"]),
                                          catalog: catalog)
            == .changed(StoredOverrides(), before: "disabled", after: "enabled"))
        #expect(FleetOverrideChange.apply(.disableProvider("nope"), to: none, catalog: catalog)
            == .refused("unknown provider 'nope'; valid: openai, azure"))
        #expect(FleetOverrideChange.apply(.setWeight(deployment: "gpt-4o/azure", weight: 3), to: none, catalog: catalog)
            == .changed(StoredOverrides(weights: ["gpt-4o/azure": 3]), before: "weight 1", after: "weight 3"))
        guard case .refused = FleetOverrideChange.apply(.setWeight(deployment: "gpt-4o/azure", weight: -1), to: none,
                                                         catalog: catalog) else {
            Issue.record("a negative weight must be refused")
            return
        }
        #expect(FleetOverrideChange.apply(.failover(model: "gpt-4o", from: "azure"), to: none, catalog: catalog)
            == .changed(StoredOverrides(drainingDeployments: ["gpt-4o/azure"]), before: "serving", after: "draining"))
        #expect(FleetOverrideChange.apply(.reset, to: none, catalog: catalog) == .unchanged("no overrides to reset"))
        #expect(FleetOverrideChange.apply(.reset, to: StoredOverrides(disabledDeployments: ["gpt-4o/azure"]), catalog: catalog)
            == .changed(StoredOverrides(), before: "overridden", after: "as configured"))
    }

    @Test func replicasAreDownWhenTheirHeartbeatIsStaleOrTheyStopped() {
        func replica(age: Double, stopped: Bool) -> ReplicaSnapshot {
            ReplicaSnapshot(name: "r", version: "0.1.0", startedAt: 0, heartbeatAge: age, stopped: stopped, address: nil,
                            controlSocket: nil, requestsPerSecond: 0, errorRate: 0, latencyP95: 0, inFlight: 0,
                            openBreakers: 0)
        }
        #expect(replica(age: 0.9, stopped: false).state == "up")
        #expect(replica(age: ReplicaSnapshot.downAfter + 0.1, stopped: false).state == "down")
        #expect(replica(age: 0.1, stopped: true).state == "stopped")
        #expect(FleetSnapshot(replicas: [replica(age: 0, stopped: false), replica(age: 10, stopped: false)]).downCount == 1)
    }
}

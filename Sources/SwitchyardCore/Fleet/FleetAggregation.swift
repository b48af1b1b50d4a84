/// One snapshot of a whole fleet from its live replicas' snapshots, so the usual panes show the fleet.
///
/// Counts and rates are summed; error rates are weighted by each replica's request rate; rows of the same
/// provider, deployment, model, error class, budget or spender are merged into one; the worst health wins (a
/// breaker open on one replica shows open). Latency percentiles cannot be merged exactly without the histograms,
/// which heartbeats do not carry: the fleet shows the slowest replica's percentile among those with traffic, an
/// upper bound of the true fleet percentile that never hides one slow replica. Budget spend is summed, as each
/// replica settles its own requests.
public enum FleetAggregation {
    /// Events and requests kept from all replicas together, newest last.
    public static let recentLimit = 100

    /// The fleet as one snapshot at `time`; `info` names it. Empty input gives an empty snapshot.
    public static func merge(_ snapshots: [GatewaySnapshot], info: GatewayInfo, time: Double) -> GatewaySnapshot {
        var merged = GatewaySnapshot(
            info: info, time: time, totals: totals(snapshots), providers: providers(snapshots),
            deployments: deployments(snapshots), models: models(snapshots), errors: errors(snapshots),
            budgets: budgets(snapshots), events: events(snapshots), requests: requests(snapshots),
            audit: snapshots.max { $0.time < $1.time }?.audit ?? [], canUndo: false, spend: spend(snapshots))
        // Shares are of the fleet's traffic, from the summed rates.
        let total = merged.totals.requestsPerSecond
        if total > 0 {
            for i in merged.providers.indices { merged.providers[i].trafficShare = merged.providers[i].requestsPerSecond / total }
        }
        return merged
    }

    /// The slowest p95 among a snapshot's model groups with traffic (all of them when none has any), in ms.
    public static func latencyP95(_ snapshot: GatewaySnapshot) -> Double {
        slowest(snapshot.models.map { ($0.requestsPerSecond, $0.latencyP95) })
    }

    static func totals(_ all: [GatewaySnapshot]) -> TotalsSnapshot {
        let t = all.map(\.totals)
        return TotalsSnapshot(
            requestsPerSecond: t.sum(\.requestsPerSecond),
            errorRate: weighted(t.map { ($0.requestsPerSecond, $0.errorRate) }),
            spendPerHour: t.sum(\.spendPerHour), tokensPerSecond: t.sum(\.tokensPerSecond),
            inFlight: t.reduce(0) { $0 &+ $1.inFlight }, totalRequests: t.reduce(0) { $0 &+ $1.totalRequests },
            totalCost: t.sum(\.totalCost), fallbacksPerMinute: t.sum(\.fallbacksPerMinute))
    }

    static func providers(_ all: [GatewaySnapshot]) -> [ProviderSnapshot] {
        grouped(all.flatMap(\.providers), by: \.name).map { rows in
            var p = rows[0]
            p.enabled = rows.allSatisfy(\.enabled)
            p.status = worst(rows.map(\.status))
            p.requestsPerSecond = rows.sum(\.requestsPerSecond)
            p.errorRate = weighted(rows.map { ($0.requestsPerSecond, $0.errorRate) })
            p.trafficShare = rows.sum(\.trafficShare) / Double(rows.count)
            p.openBreakers = rows.reduce(0) { $0 &+ $1.openBreakers }
            p.halfOpenBreakers = rows.reduce(0) { $0 &+ $1.halfOpenBreakers }
            p.deploymentIDs = union(rows.map(\.deploymentIDs))
            return p
        }
    }

    static func deployments(_ all: [GatewaySnapshot]) -> [DeploymentSnapshot] {
        grouped(all.flatMap(\.deployments), by: \.id).map { rows in
            var d = rows[0]
            d.trafficShare = rows.sum(\.trafficShare) / Double(rows.count)
            d.enabled = rows.allSatisfy(\.enabled)
            d.draining = rows.contains(where: \.draining)
            d.breaker = rows.map(\.breaker).max { rank($0) < rank($1) } ?? .closed
            d.coolingUntil = rows.compactMap(\.coolingUntil).max()
            d.ejected = rows.contains(where: \.ejected)
            d.status = worst(rows.map(\.status))
            d.requestsPerSecond = rows.sum(\.requestsPerSecond)
            d.errorRate = weighted(rows.map { ($0.requestsPerSecond, $0.errorRate) })
            d.latencyP50 = slowest(rows.map { ($0.requestsPerSecond, $0.latencyP50) })
            d.latencyP95 = slowest(rows.map { ($0.requestsPerSecond, $0.latencyP95) })
            d.latencyP99 = slowest(rows.map { ($0.requestsPerSecond, $0.latencyP99) })
            d.inFlight = rows.reduce(0) { $0 &+ $1.inFlight }
            return d
        }
    }

    static func models(_ all: [GatewaySnapshot]) -> [ModelSnapshot] {
        grouped(all.flatMap(\.models), by: \.name).map { rows in
            var m = rows[0]
            m.requestsPerSecond = rows.sum(\.requestsPerSecond)
            m.errorRate = weighted(rows.map { ($0.requestsPerSecond, $0.errorRate) })
            m.latencyP50 = slowest(rows.map { ($0.requestsPerSecond, $0.latencyP50) })
            m.latencyP95 = slowest(rows.map { ($0.requestsPerSecond, $0.latencyP95) })
            m.latencyP99 = slowest(rows.map { ($0.requestsPerSecond, $0.latencyP99) })
            m.ttftP50 = slowest(rows.map { ($0.requestsPerSecond, $0.ttftP50) })
            m.latencySeries = series(rows.map(\.latencySeries), combine: max)
            m.inputTokens = rows.reduce(0) { $0 &+ $1.inputTokens }
            m.outputTokens = rows.reduce(0) { $0 &+ $1.outputTokens }
            m.cost = rows.sum(\.cost)
            m.deploymentIDs = union(rows.map(\.deploymentIDs))
            return m
        }
    }

    static func errors(_ all: [GatewaySnapshot]) -> [ErrorClassSnapshot] {
        grouped(all.flatMap(\.errors), by: \.errorClass).map { rows in
            ErrorClassSnapshot(errorClass: rows[0].errorClass, perSecond: rows.sum(\.perSecond),
                               series: series(rows.map(\.series), combine: +))
        }
    }

    static func budgets(_ all: [GatewaySnapshot]) -> [BudgetSnapshot] {
        grouped(all.flatMap(\.budgets), by: { BudgetKey(scope: $0.scope, period: $0.period) }).map { rows in
            var b = rows[0]
            b.spent = rows.sum(\.spent)
            b.reserved = rows.sum(\.reserved)
            b.burnPerHour = rows.sum(\.burnPerHour)
            b.burnPerHour24h = rows.sum(\.burnPerHour24h)
            b.secondsToExhaustion = b.burnPerHour > 0 && b.spent < b.limit
                ? (b.limit - b.spent) / b.burnPerHour * 3600 : nil
            return b
        }
    }

    static func spend(_ all: [GatewaySnapshot]) -> SpendSnapshot {
        let spenders = grouped(all.flatMap(\.spend.spenders), by: { "\($0.kind.rawValue) \($0.name)" }).map { rows in
            var s = rows[0]
            s.spent24h = rows.sum(\.spent24h)
            s.requests24h = rows.reduce(0) { $0 &+ $1.requests24h }
            s.burnPerHour = rows.sum(\.burnPerHour)
            return s
        }
        return SpendSnapshot(
            perHour: all.sum(\.spend.perHour), perHour24h: all.sum(\.spend.perHour24h),
            unpricedRequests24h: all.reduce(0) { $0 &+ $1.spend.unpricedRequests24h },
            spenders: spenders.sorted { $0.spent24h > $1.spent24h })
    }

    /// Every replica's events by time, renumbered: each replica counts its own from 1, and the dashboard keeps
    /// its selection on an event by number.
    static func events(_ all: [GatewaySnapshot]) -> [GatewayEvent] {
        let sorted = all.flatMap(\.events).sorted { $0.time < $1.time }.suffix(recentLimit)
        return sorted.enumerated().map { i, event in
            var e = event
            e.sequence = i + 1
            return e
        }
    }

    static func requests(_ all: [GatewaySnapshot]) -> [RequestRecord] {
        Array(all.flatMap(\.requests).sorted { $0.time < $1.time }.suffix(recentLimit))
    }

    private struct BudgetKey: Hashable {
        var scope: BudgetScope
        var period: BudgetPeriod
    }

    /// Rows with equal keys together, in the order each key first appears.
    static func grouped<Row, Key: Hashable>(_ rows: [Row], by key: (Row) -> Key) -> [[Row]] {
        var order: [Key] = []
        var groups: [Key: [Row]] = [:]
        for row in rows {
            let k = key(row)
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(row)
        }
        return order.compactMap { groups[$0] }
    }

    /// The mean of the values weighted by the weights of (weight, value) pairs; the plain mean when nothing has weight.
    static func weighted(_ pairs: [(Double, Double)]) -> Double {
        guard !pairs.isEmpty else { return 0 }
        let total = pairs.reduce(0) { $0 + $1.0 }
        guard total > 0 else { return pairs.reduce(0) { $0 + $1.1 } / Double(pairs.count) }
        return pairs.reduce(0) { $0 + $1.0 * $1.1 } / total
    }

    /// The largest value among (traffic, value) pairs with traffic; among all when none has any.
    static func slowest(_ pairs: [(Double, Double)]) -> Double {
        let busy = pairs.filter { $0.0 > 0 }
        return (busy.isEmpty ? pairs : busy).map { $0.1 }.max() ?? 0
    }

    /// Series aligned at their newest point and combined point by point.
    static func series(_ all: [[Double]], combine: (Double, Double) -> Double) -> [Double] {
        let length = all.map(\.count).max() ?? 0
        var out = [Double](repeating: 0, count: length)
        for s in all {
            let offset = length - s.count
            for (i, v) in s.enumerated() { out[offset + i] = combine(out[offset + i], v) }
        }
        return out
    }

    static func union(_ lists: [[String]]) -> [String] {
        var seen = Set<String>()
        return lists.flatMap { $0 }.filter { seen.insert($0).inserted }
    }

    static func worst(_ statuses: [HealthStatus]) -> HealthStatus {
        statuses.max { $0.severity < $1.severity } ?? .healthy
    }

    private static func rank(_ breaker: BreakerState) -> Int {
        switch breaker {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
    }
}

extension Sequence {
    fileprivate func sum(_ value: (Element) -> Double) -> Double {
        reduce(0) { $0 + value($1) }
    }
}

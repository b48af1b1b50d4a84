import SwitchyardCore

extension GovernorState {
    /// One ledger question per budget: spend in its scope since the start of its current period (0 for `total`).
    mutating func seedQueries(now: Double) -> [SpendQuery] {
        budgets.indices.map { i in
            budgets[i].roll(now: now, zone: zone)
            return SpendQuery(scope: budgets[i].spec.scope, since: budgets[i].periodStart)
        }
    }

    /// Sets every budget's spent from the ledger's sums and rebuilds burn rates and spenders from recent buckets.
    mutating func seed(spent: [SpendQuery: Double], recent: [SpendBucket], now: Double) {
        for i in budgets.indices {
            budgets[i].roll(now: now, zone: zone)
            let query = SpendQuery(scope: budgets[i].spec.scope, since: budgets[i].periodStart)
            let value = spent[query] ?? 0
            budgets[i].spent = value.isFinite ? max(0, value) : 0
            budgets[i].burn = SpendWindows()
        }
        gateway = SpendWindows()
        keySpend = [:]
        teamSpend = [:]
        let buckets = recent.filter { $0.start > now - 86_400 && $0.start <= now }.sorted { $0.start < $1.start }
        if let earliest = buckets.first?.start { observedSince = min(observedSince, earliest) }
        for bucket in buckets {
            let cost = bucket.cost.isFinite ? max(0, bucket.cost) : 0
            let requests = max(0, bucket.requests)
            gateway.add(cost, requests: requests, at: bucket.start)
            if let key = bucket.key {
                keySpend[key, default: SpenderStats()].team = keys[key]?.team ?? bucket.team
                keySpend[key, default: SpenderStats()].windows.add(cost, requests: requests, at: bucket.start)
            }
            if let team = bucket.team {
                teamSpend[team, default: SpenderStats()].windows.add(cost, requests: requests, at: bucket.start)
            }
            guard cost > 0 else { continue }
            for i in matchingBudgets(key: bucket.key, team: bucket.team, model: bucket.model) {
                budgets[i].burn.add(cost, requests: requests, at: bucket.start)
            }
        }
    }
}

import SwitchyardCore

extension GovernorState {
    /// Every budget's standing at `now`, in the order budgets were set.
    mutating func budgetSnapshots(now: Double) -> [BudgetSnapshot] {
        budgets.indices.map { i in
            budgets[i].roll(now: now, zone: zone)
            let rates = budgets[i].burn.perHour(now: now, observedSince: observedSince)
            let account = budgets[i]
            var toExhaustion: Double?
            if rates.recent > 0, account.spent < account.spec.limit {
                // A vanishing burn rate gives no finite time (JSON has no infinity): say nothing then.
                let seconds = (account.spec.limit - account.spent) / (rates.recent / 3600)
                if seconds.isFinite { toExhaustion = seconds }
            }
            var team: String?
            if case .key(let name) = account.spec.scope { team = keys[name]?.team }
            return BudgetSnapshot(
                scope: account.spec.scope, period: account.spec.period, limit: account.spec.limit,
                spent: account.spent, resetsAt: account.periodEnd, burnPerHour: rates.recent,
                secondsToExhaustion: toExhaustion, burnPerHour24h: rates.day, reserved: account.reserved, team: team,
                downgradeTo: account.spec.downgradeTo, policy: account.spec.policy)
        }
    }

    /// Gateway spend rate and every key and team with 24-hour activity or a budget, highest spend first.
    mutating func spendSnapshot(now: Double) -> SpendSnapshot {
        let rates = gateway.perHour(now: now, observedSince: observedSince)
        let unpricedCount = unpriced.totals(now: now).count

        var keyNames = Set(keySpend.keys)
        var teamNames = Set(teamSpend.keys)
        for account in budgets {
            switch account.spec.scope {
            case .key(let name): keyNames.insert(name)
            case .team(let name): teamNames.insert(name)
            case .global, .model: break
            }
        }
        var spenders: [SpenderSnapshot] = []
        for name in keyNames {
            let budgeted = hasBudget(.key(name))
            if let row = Self.spender(
                .key, name, stats: &keySpend[name], team: keys[name]?.team, budgeted: budgeted, now: now,
                observedSince: observedSince) {
                spenders.append(row)
            }
        }
        for name in teamNames {
            let budgeted = hasBudget(.team(name))
            if let row = Self.spender(
                .team, name, stats: &teamSpend[name], team: nil, budgeted: budgeted, now: now,
                observedSince: observedSince) {
                spenders.append(row)
            }
        }
        spenders.sort {
            ($0.spent24h, $1.kind.rawValue, $1.name) > ($1.spent24h, $0.kind.rawValue, $0.name)
        }
        return SpendSnapshot(
            perHour: rates.recent, perHour24h: rates.day, unpricedRequests24h: unpricedCount, spenders: spenders)
    }

    private func hasBudget(_ scope: BudgetScope) -> Bool { budgetIndex[scope] != nil }

    private static func spender(
        _ kind: SpenderSnapshot.Kind, _ name: String, stats: inout SpenderStats?, team: String?, budgeted: Bool,
        now: Double, observedSince: Double
    ) -> SpenderSnapshot? {
        guard var current = stats else {
            guard budgeted else { return nil }
            return SpenderSnapshot(kind: kind, name: name, team: team, spent24h: 0, requests24h: 0, burnPerHour: 0)
        }
        let day = current.windows.day.totals(now: now)
        let rates = current.windows.perHour(now: now, observedSince: observedSince)
        stats = current
        if day.count == 0, day.value <= 0 {
            // Idle for a day: forget it unless a budget keeps it on the list.
            stats = nil
            guard budgeted else { return nil }
        }
        current.team = team ?? current.team
        return SpenderSnapshot(
            kind: kind, name: name, team: kind == .key ? current.team : nil, spent24h: day.value,
            requests24h: day.count, burnPerHour: rates.recent)
    }
}

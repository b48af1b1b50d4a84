import SwitchyardCore

extension GovernorState {
    /// Releases the ticket's reservations and charges the actual cost, once per ticket; see `Governor.settle`.
    mutating func settle(_ ticket: AdmissionTicket, charge: SettledCharge, now: Double) {
        guard let flight = inflight.removeValue(forKey: ticket.id) else { return }
        release(flight)

        let actualTokens = max(0, charge.inputTokens) + max(0, charge.outputTokens)
        if let key = flight.key {
            keyRates[key]?.correct(tokens: actualTokens - flight.tokens, admittedAt: flight.admittedAt)
        }
        if let team = flight.team {
            teamRates[team]?.correct(tokens: actualTokens - flight.tokens, admittedAt: flight.admittedAt)
        }

        let cost = charge.cost.isFinite ? max(0, charge.cost) : 0
        if cost > 0 {
            for i in matchingBudgets(key: flight.key, team: flight.team, model: flight.model) {
                budgets[i].roll(now: now, zone: zone)
                budgets[i].spent += cost
                budgets[i].burn.add(cost, requests: 1, at: now)
            }
        }
        gateway.add(cost, requests: 1, at: now)
        if !charge.costKnown { unpriced.add(0, count: 1, at: now) }
        if let key = flight.key {
            keySpend[key, default: SpenderStats()].team = keys[key]?.team ?? flight.team
            keySpend[key, default: SpenderStats()].windows.add(cost, requests: 1, at: now)
        }
        if let team = flight.team {
            teamSpend[team, default: SpenderStats()].windows.add(cost, requests: 1, at: now)
        }
    }

    /// Drops reservations of tickets admitted before `cutoff` that were never settled; returns how many.
    mutating func releaseAbandoned(admittedBefore cutoff: Double) -> Int {
        let stale = inflight.filter { $0.value.admittedAt < cutoff }
        for (id, flight) in stale {
            inflight[id] = nil
            release(flight)
        }
        return stale.count
    }

    private mutating func release(_ flight: InFlight) {
        for id in flight.budgets {
            guard let i = budgetPosition(id) else { continue }
            let left = budgets[i].reserved - flight.reserved
            // Sums of estimates drift in floating point; a residue under a micro-dollar is nothing held.
            budgets[i].reserved = left > 1e-9 ? left : 0
        }
    }
}

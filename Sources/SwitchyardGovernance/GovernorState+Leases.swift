import SwitchyardCore

extension GovernorState {
    /// Turns leasing on: every budget keeps what it has spent and gets no headroom until its first grant.
    mutating func startLeasing() {
        leasing = true
        for i in budgets.indices { budgets[i].ceiling = -.infinity }
    }

    /// One demand per budget, each in its current period; clears the wish for an early renewal.
    mutating func leaseDemands(now: Double) -> [BudgetLeaseDemand] {
        leaseWanted = false
        return budgets.indices.map { i in
            budgets[i].roll(now: now, zone: zone)
            let account = budgets[i]
            return BudgetLeaseDemand(
                scope: account.spec.scope, period: account.spec.period, periodStart: account.periodStart,
                limit: account.spec.limit, ownSpent: max(0, account.spent - account.othersSpent),
                reserved: account.reserved, shortfall: account.shortfall)
        }
    }

    /// Takes in a grant for a budget still in the period it was asked for: the fleet's spend as recorded, and the
    /// ceiling the lease allows. A grant for a budget since removed, or for a period since ended, is dropped.
    mutating func apply(_ grant: BudgetLeaseGrant, now: Double) {
        let demand = grant.demand
        guard let i = budgetPosition(BudgetID(scope: demand.scope, period: demand.period)) else { return }
        budgets[i].roll(now: now, zone: zone)
        guard budgets[i].periodStart == demand.periodStart else { return }
        let others = BudgetLeaseSizing.clean(grant.othersSpent)
        let own = max(0, budgets[i].spent - budgets[i].othersSpent)
        budgets[i].othersSpent = others
        budgets[i].spent = own + others
        // Against the spend reported with the demand: what settled since was held by the lease already.
        budgets[i].ceiling = others + BudgetLeaseSizing.clean(demand.ownSpent) + BudgetLeaseSizing.clean(grant.lease)
        if budgets[i].shortfall <= demand.shortfall { budgets[i].shortfall = 0 }
        budgets[i].storeUnreachable = false
    }

    /// The budget store could not be reached. Fail closed: leases keep serving and a request past them gets a 503.
    /// Fail open: every budget admits against its limit and the fleet's spend as last learned.
    mutating func storeUnreachable(failOpen: Bool) {
        for i in budgets.indices {
            budgets[i].storeUnreachable = true
            if failOpen { budgets[i].ceiling = .infinity }
        }
    }

    /// The leases ran out of time without a renewal (the store is away for longer than a lease lives): the store
    /// may have given their headroom to other replicas, so failing closed nothing more is admitted on them.
    mutating func leasesExpired(failOpen: Bool) {
        for i in budgets.indices {
            budgets[i].storeUnreachable = true
            budgets[i].ceiling = failOpen ? .infinity : -.infinity
        }
    }
}

import SwitchyardCore

/// Fleet-wide budgets and rate limits. A replica of a fleet leases slices of each budget's headroom from the
/// shared store and admits against its lease exactly as a single gateway admits against its limit; a replica
/// alone never calls these, and its admission is unchanged.
extension Governor {
    /// Turns leasing on: until the first grant, no budget admits anything beyond what it already holds.
    public func startLeasing() {
        state.withLock { $0.startLeasing() }
    }

    /// What to report and ask for, one demand per budget.
    public func leaseDemands(now: Double) -> [BudgetLeaseDemand] {
        state.withLock { $0.leaseDemands(now: now) }
    }

    /// Whether a request found its lease too small since the demands were last taken: renew now, not on the timer.
    public var leaseWanted: Bool {
        state.withLock { $0.leaseWanted }
    }

    /// Takes in the store's answers.
    public func apply(_ grants: [BudgetLeaseGrant], now: Double) {
        state.withLock { s in
            for grant in grants { s.apply(grant, now: now) }
        }
    }

    /// The budget store could not be reached. Failing closed, leases keep serving and a request past them gets a
    /// 503; failing open, every budget admits against its limit and the fleet's spend as last learned.
    public func leaseStoreUnreachable(failOpen: Bool) {
        state.withLock { $0.storeUnreachable(failOpen: failOpen) }
    }

    /// The leases outlived their time without a renewal.
    public func leasesExpired(failOpen: Bool) {
        state.withLock { $0.leasesExpired(failOpen: failOpen) }
    }

    /// This replica's part of every RPM/TPM limit from now on.
    public func setRateShare(_ share: RateShare) {
        state.withLock { $0.rateShare = share }
    }
}

import SwitchyardCore

/// What a replica tells the budget store about one budget when it renews its lease: its own settled spend this
/// period, what its requests in flight hold, and how much more it found itself short of.
public struct BudgetLeaseDemand: Sendable, Hashable {
    public var scope: BudgetScope
    public var period: BudgetPeriod
    /// Epoch seconds at which the budget's current period began (0 for `total`): leases belong to one period.
    public var periodStart: Double
    public var limit: Double
    /// This replica's settled spend in the period.
    public var ownSpent: Double
    /// Dollars held by this replica's requests in flight.
    public var reserved: Double
    /// The largest worst case the lease could not cover since the last grant.
    public var shortfall: Double

    public init(scope: BudgetScope, period: BudgetPeriod, periodStart: Double, limit: Double, ownSpent: Double,
                reserved: Double, shortfall: Double) {
        self.scope = scope
        self.period = period
        self.periodStart = periodStart
        self.limit = limit
        self.ownSpent = ownSpent
        self.reserved = reserved
        self.shortfall = shortfall
    }
}

/// The budget store's answer to a demand: the other replicas' spend this period and the headroom leased to this
/// replica, beyond the spend it reported.
public struct BudgetLeaseGrant: Sendable, Hashable {
    public var demand: BudgetLeaseDemand
    /// Every other replica's settled spend in the period, as recorded.
    public var othersSpent: Double
    /// Dollars this replica may add to `demand.ownSpent` (its requests in flight included) until the next grant.
    public var lease: Double

    public init(demand: BudgetLeaseDemand, othersSpent: Double, lease: Double) {
        self.demand = demand
        self.othersSpent = othersSpent
        self.lease = lease
    }
}

/// How large a lease to grant; pure, so every bound is tested on numbers alone.
///
/// The fleet's headroom is `limit − fleet spent − other replicas' live leases`; a grant never exceeds it, so the
/// leases plus the spend never exceed the limit. Within it a replica gets what its requests in flight hold plus
/// the larger of a slice — half of an even share of what is left of the budget, so it shrinks as the budget
/// nears its limit and an idle replica never sits on more than that — and the largest request it had to refuse.
public enum BudgetLeaseSizing {
    /// The lease for a replica whose requests in flight hold `reserved` and which lacked `shortfall`, when the
    /// fleet has spent `fleetSpent` of `limit`, other replicas hold `othersLeased` and `otherHolders` of them hold
    /// a live lease. Never negative, never more than the headroom; any number that is not finite counts as none
    /// (a limit that is not finite as no money).
    public static func grant(
        limit: Double, fleetSpent: Double, othersLeased: Double, otherHolders: Int, reserved: Double,
        shortfall: Double
    ) -> Double {
        let headroom = Self.headroom(limit: limit, fleetSpent: fleetSpent, othersLeased: othersLeased)
        guard headroom > 0 else { return 0 }
        let remaining = limit - clean(fleetSpent)
        let replicas = Double(max(0, otherHolders)) + 1
        let slice = remaining / (2 * replicas)
        let want = clean(reserved) + max(slice, clean(shortfall))
        return min(headroom, want)
    }

    /// What may still be leased: `limit − fleetSpent − othersLeased`, at least 0.
    public static func headroom(limit: Double, fleetSpent: Double, othersLeased: Double) -> Double {
        guard limit.isFinite else { return 0 }
        let left = limit - clean(fleetSpent) - clean(othersLeased)
        return left.isFinite ? max(0, left) : 0
    }

    /// A finite, non-negative amount: anything else is none.
    public static func clean(_ value: Double) -> Double {
        value.isFinite ? max(0, value) : 0
    }
}

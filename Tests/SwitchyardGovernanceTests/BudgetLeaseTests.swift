import SwitchyardCore
import Testing
@testable import SwitchyardGovernance

/// The arithmetic of budget leases, on numbers alone.
@Suite struct BudgetLeaseSizingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var limit: Double, fleetSpent: Double, othersLeased: Double, otherHolders: Int, reserved: Double
        var shortfall: Double, expected: Double
        var testDescription: String { "limit \(limit) spent \(fleetSpent) leased \(othersLeased) → \(expected)" }
    }

    static let cases: [Case] = [
        // Alone with $100 left: half of it.
        Case(limit: 100, fleetSpent: 0, othersLeased: 0, otherHolders: 0, reserved: 0, shortfall: 0, expected: 50),
        // Three replicas: half of an even third; what is in flight comes on top.
        Case(limit: 100, fleetSpent: 40, othersLeased: 0, otherHolders: 2, reserved: 1, shortfall: 0, expected: 11),
        // A request larger than the slice is asked for whole.
        Case(limit: 100, fleetSpent: 40, othersLeased: 0, otherHolders: 2, reserved: 0, shortfall: 25, expected: 25),
        // Never more than the headroom the others leave.
        Case(limit: 100, fleetSpent: 40, othersLeased: 50, otherHolders: 2, reserved: 0, shortfall: 25, expected: 10),
        // Near the limit the slice shrinks with what is left.
        Case(limit: 100, fleetSpent: 99, othersLeased: 0, otherHolders: 1, reserved: 0, shortfall: 0, expected: 0.25),
        // Spent, or leased out: nothing.
        Case(limit: 100, fleetSpent: 100, othersLeased: 0, otherHolders: 0, reserved: 5, shortfall: 5, expected: 0),
        Case(limit: 100, fleetSpent: 120, othersLeased: 0, otherHolders: 0, reserved: 5, shortfall: 5, expected: 0),
        Case(limit: 100, fleetSpent: 10, othersLeased: 95, otherHolders: 3, reserved: 0, shortfall: 1, expected: 0),
        Case(limit: 0, fleetSpent: 0, othersLeased: 0, otherHolders: 0, reserved: 0, shortfall: 1, expected: 0),
    ]

    @Test(arguments: cases)
    func grantSize(_ c: Case) {
        let grant = BudgetLeaseSizing.grant(
            limit: c.limit, fleetSpent: c.fleetSpent, othersLeased: c.othersLeased, otherHolders: c.otherHolders,
            reserved: c.reserved, shortfall: c.shortfall)
        #expect(abs(grant - c.expected) < 1e-9, "got \(grant)")
    }

    /// Replicas taking turns at the store, each with its own demands and spend, never lease out more than the
    /// limit minus what the fleet has spent.
    @Test func leasesNeverExceedTheHeadroom() {
        var generator = SeededGenerator(seed: 7)
        let limit = 250.0
        var spent = [Double](repeating: 0, count: 5)
        var leases = [Double](repeating: 0, count: 5)
        for _ in 0..<5_000 {
            let r = Int.random(in: 0..<5, using: &generator)
            // The replica spends part of its lease before renewing (settled spend within what it held).
            let used = leases[r] * Double.random(in: 0...1, using: &generator)
            spent[r] += used
            leases[r] = 0
            let othersLeased = leases.reduce(0, +)
            let grant = BudgetLeaseSizing.grant(
                limit: limit, fleetSpent: spent.reduce(0, +), othersLeased: othersLeased,
                otherHolders: leases.filter { $0 > 0 }.count, reserved: Double.random(in: 0...3, using: &generator),
                shortfall: Double.random(in: 0...40, using: &generator))
            #expect(grant >= 0)
            leases[r] = grant
            #expect(spent.reduce(0, +) + leases.reduce(0, +) <= limit + 1e-9)
        }
    }

    @Test func hostileNumbersNeverTrapAndNeverGrantMoreThanTheHeadroom() {
        let hostile: [Double] = [.nan, .infinity, -.infinity, -1, 0, 1e-300, 1e308, -1e308, .greatestFiniteMagnitude]
        for limit in hostile {
            for spent in hostile {
                for other in hostile {
                    for asked in hostile {
                        let grant = BudgetLeaseSizing.grant(
                            limit: limit, fleetSpent: spent, othersLeased: other, otherHolders: .max,
                            reserved: asked, shortfall: asked)
                        let headroom = BudgetLeaseSizing.headroom(limit: limit, fleetSpent: spent, othersLeased: other)
                        #expect(grant.isFinite && grant >= 0 && grant <= headroom)
                        _ = BudgetLeaseSizing.grant(limit: limit, fleetSpent: spent, othersLeased: other,
                                                    otherHolders: .min, reserved: asked, shortfall: -asked)
                    }
                }
            }
        }
    }
}

@Suite struct RateShareTests {
    @Test(arguments: [0, 1, 2, 7, 60, 1_000_001, Int.max])
    func partsAddUpToTheLimit(_ limit: Int) {
        for count in 1...5 {
            let parts = (0..<count).map { RateShare(index: $0, count: count).part(limit) }
            #expect(parts.reduce(0) { $0 &+ $1 } == limit)
            #expect(parts.max()! - parts.min()! <= 1)
        }
    }

    @Test func oneReplicaOrANonsenseShareIsTheWhole() {
        let limits = RateLimits(rpm: 10, tpm: 999)
        #expect(RateShare.whole.of(limits) == limits)
        #expect(RateShare(index: 3, count: 2).of(limits) == limits)
        #expect(RateShare(index: 0, count: -4).of(limits) == limits)
        #expect(RateShare(index: 1, count: 3).of(limits) == RateLimits(rpm: 3, tpm: 333))
    }

    @Test func aReplicaEnforcesItsShareOfAKeysRPM() throws {
        let key = mint("ci", limits: RateLimits(rpm: 10))
        let g = try Governor(policy: GovernancePolicy(), keys: [key.record], now: noon)
        g.setRateShare(RateShare(index: 2, count: 3))
        let admitted = (0..<10).filter { _ in g.admit(request(key: "ci"), estimatedCost: 0, now: noon).isAdmitted }
        #expect(admitted.count == 3)
    }
}

/// Admission against a lease, as a replica of a fleet admits.
@Suite struct LeasedAdmissionTests {
    func governor() throws -> Governor {
        try Governor(policy: GovernancePolicy(), budgets: [BudgetSpec(scope: .global, limit: 100, period: .daily)],
                     now: noon)
    }

    func grant(_ g: Governor, lease: Double, othersSpent: Double = 0) throws {
        let demand = try #require(g.leaseDemands(now: noon).first)
        g.apply([BudgetLeaseGrant(demand: demand, othersSpent: othersSpent, lease: lease)], now: noon)
    }

    @Test func nothingIsAdmittedBeforeTheFirstGrantAndTheShortfallIsAskedFor() throws {
        let g = try governor()
        g.startLeasing()
        let error = try #require(g.admit(request(), estimatedCost: 2, now: noon).error)
        #expect(error.status == 429)
        #expect(error.message.contains("budget lease used up"), "\(error.message)")
        #expect(error.retryAfter == 1)
        #expect(g.leaseWanted)
        let demand = try #require(g.leaseDemands(now: noon).first)
        #expect(demand.shortfall == 2)
        #expect(!g.leaseWanted)
    }

    @Test func admissionHoldsWorstCasesWithinTheLeaseAndSettlesToActualCost() throws {
        let g = try governor()
        g.startLeasing()
        try grant(g, lease: 10, othersSpent: 30)
        // The fleet's spend shows; the lease of $10 binds, each admission holding its worst case of $4.
        #expect(snapshot(g, .global, now: noon)?.spent == 30)
        let first = try #require(g.admit(request(), estimatedCost: 4, now: noon).ticket)
        let second = try #require(g.admit(request(), estimatedCost: 4, now: noon).ticket)
        #expect(g.admit(request(), estimatedCost: 4, now: noon).error?.status == 429)
        g.settle(first, charge: SettledCharge(cost: 1, inputTokens: 1, outputTokens: 1), now: noon)
        #expect(g.admit(request(), estimatedCost: 4, now: noon).isAdmitted)
        g.settle(second, charge: SettledCharge(cost: 1, inputTokens: 1, outputTokens: 1), now: noon)
        // The next demand reports this replica's own spend, not the fleet's.
        let demand = try #require(g.leaseDemands(now: noon).first)
        #expect(demand.ownSpent == 2)
        #expect(demand.reserved == 4)
    }

    @Test func failClosedServesOnTheLeaseThenRefusesWithA503() throws {
        let g = try governor()
        g.startLeasing()
        try grant(g, lease: 5)
        g.leaseStoreUnreachable(failOpen: false)
        #expect(g.admit(request(), estimatedCost: 4, now: noon).isAdmitted)
        let error = try #require(g.admit(request(), estimatedCost: 4, now: noon).error)
        #expect(error.status == 503)
        #expect(error.kind == .unavailable)
        #expect(error.code == "budget_store_unavailable")
        #expect(error.message.hasPrefix("budget store unreachable"), "\(error.message)")
        // A grant after the store is back admits again.
        try grant(g, lease: 50)
        #expect(g.admit(request(), estimatedCost: 4, now: noon).isAdmitted)
    }

    @Test func failOpenAdmitsAgainstTheLastKnownHeadroom() throws {
        let g = try governor()
        g.startLeasing()
        try grant(g, lease: 1, othersSpent: 90)
        g.leaseStoreUnreachable(failOpen: true)
        // $10 left of the fleet's $100 as last known: two of $4 fit, a third does not (the limit's own 429).
        #expect(g.admit(request(), estimatedCost: 4, now: noon).isAdmitted)
        #expect(g.admit(request(), estimatedCost: 4, now: noon).isAdmitted)
        let error = try #require(g.admit(request(), estimatedCost: 4, now: noon).error)
        #expect(error.status == 429)
        #expect(error.message.contains("budget cannot cover this request"), "\(error.message)")
    }

    @Test func expiredLeasesAdmitNothingMoreWhenFailingClosed() throws {
        let g = try governor()
        g.startLeasing()
        try grant(g, lease: 50)
        let held = try #require(g.admit(request(), estimatedCost: 4, now: noon).ticket)
        g.leasesExpired(failOpen: false)
        #expect(g.admit(request(), estimatedCost: 0.01, now: noon).error?.status == 503)
        g.settle(held, charge: SettledCharge(cost: 3, inputTokens: 1, outputTokens: 1), now: noon)
        #expect(g.admit(request(), estimatedCost: 0.01, now: noon).error?.status == 503)
    }

    @Test func aBudgetAddedWhileLeasingWaitsForItsGrant() throws {
        let g = try governor()
        g.startLeasing()
        try grant(g, lease: 50)
        try g.setBudget(BudgetSpec(scope: .model("gpt-4o"), limit: 10, period: .daily), now: noon)
        #expect(g.admit(request(), estimatedCost: 1, now: noon).error?.message.contains("budget lease used up") == true)
    }

    @Test func oneProcessIsUnchanged() throws {
        let g = try governor()
        #expect(spend(g, request(), cost: 99, estimate: 99, at: noon).isAdmitted)
        #expect(g.admit(request(), estimatedCost: 1, now: noon).isAdmitted)
        #expect(g.admit(request(), estimatedCost: 1, now: noon).error?.code == "budget_exceeded")
        #expect(!g.leaseWanted)
    }
}

import SwitchyardCore
import Testing
@testable import SwitchyardGovernance

@Suite struct BudgetChainTests {
    static let scopes: [BudgetScope] = [.key("team-a/ci"), .team("team-a"), .model("gpt-4o"), .global]

    /// The scope under test gets a $10 daily limit; every other budget in the chain has plenty of room.
    func governor(tight: BudgetScope) throws -> Governor {
        let ci = mint("team-a/ci", team: "team-a")
        let budgets = Self.scopes.map { BudgetSpec(scope: $0, limit: $0 == tight ? 10 : 1000, period: .daily) }
        return try Governor(policy: GovernancePolicy(), teams: [TeamSpec(name: "team-a")], keys: [ci.record],
                            budgets: budgets, now: noon)
    }

    let req = request(key: "team-a/ci", team: "team-a")

    @Test(arguments: scopes)
    func eachBudgetBlocksOnItsOwnAndIsNamed(_ tight: BudgetScope) throws {
        let g = try governor(tight: tight)
        #expect(spend(g, req, cost: 10, at: noon).isAdmitted)
        let verdict = g.admit(req, estimatedCost: 0.1, now: noon + 1)
        let error = try #require(verdict.error)
        #expect(error.kind == .budgetExceeded)
        #expect(error.status == 429)
        #expect(error.code == "budget_exceeded")
        #expect(error.message.contains("\(tight.label) daily budget $10.00"))
        #expect(error.message.contains("spent $10.00"))
        #expect(error.message.contains("resets 2026-11-26 00:00 UTC"))
        let untilMidnight: Double = 43_199
        #expect(error.retryAfter == untilMidnight)
        // The others still have room: the block is the tight budget's alone.
        for scope in Self.scopes where scope != tight {
            let other = try #require(snapshot(g, scope, now: noon + 1))
            #expect(other.spent < other.limit)
            #expect(!error.message.contains("\(scope.label) daily"))
        }
    }

    @Test(arguments: scopes)
    func exactlyAtTheLimitIsBlockedACentUnderIsAdmitted(_ tight: BudgetScope) throws {
        let under = try governor(tight: tight)
        spend(under, req, cost: 9.99, at: noon)
        #expect(under.admit(req, estimatedCost: 0, now: noon + 1).isAdmitted)
        let at = try governor(tight: tight)
        spend(at, req, cost: 10, at: noon)
        #expect(at.admit(req, estimatedCost: 0, now: noon + 1).error?.code == "budget_exceeded")
    }

    /// One request whose worst case is far beyond what is left was once admitted (only the others' reservations
    /// counted) and overshot a $0.0002 budget 31×. Now its own worst case must fit too.
    @Test(arguments: scopes)
    func aRequestWhoseWorstCaseDoesNotFitIsRefusedSmallerOnesStillFit(_ tight: BudgetScope) throws {
        let g = try governor(tight: tight)
        spend(g, req, cost: 9.5, at: noon)
        let big = g.admit(req, estimatedCost: 1.0, now: noon + 1)
        let error = try #require(big.error)
        #expect(error.code == "budget_exceeded")
        #expect(error.message.contains("budget cannot cover this request: it may cost up to $1.00"), "\(error.message)")
        #expect(error.message.contains("\(tight.label) daily budget $10.00 has $0.500 left"), "\(error.message)")
        #expect(error.message.contains("lower max_tokens"), "\(error.message)")
        // Nothing was reserved for the refused request.
        #expect(snapshot(g, tight, now: noon + 1)?.reserved == 0)
        // What fits is admitted, and its reservation counts against the next one.
        let small = g.admit(req, estimatedCost: 0.3, now: noon + 2)
        #expect(small.isAdmitted)
        #expect(g.admit(req, estimatedCost: 0.3, now: noon + 3).error?.code == "budget_exceeded")
        #expect(g.admit(req, estimatedCost: 0.2, now: noon + 4).isAdmitted)
    }

    @Test func aKeyBudgetCountsEvenWhenTheKeyHasATeam() throws {
        let g = try governor(tight: .key("team-a/ci"))
        spend(g, req, cost: 10, at: noon)
        // Another key of the same team is unaffected by team-a/ci's key budget.
        let mate = request(key: "team-a/other", team: "team-a")
        #expect(g.admit(mate, estimatedCost: 0, now: noon + 1).isAdmitted)
        #expect(g.admit(req, estimatedCost: 0, now: noon + 1).error != nil)
    }

    @Test func reservationsInFlightCountTowardTheLimit() throws {
        let g = try governor(tight: .global)
        let first = try #require(g.admit(req, estimatedCost: 6, now: noon).ticket)
        let second = try #require(g.admit(req, estimatedCost: 4, now: noon).ticket)
        let third = g.admit(req, estimatedCost: 1, now: noon)
        #expect(third.error?.message.contains("held by requests in flight") == true)
        #expect(snapshot(g, .global, now: noon)?.reserved == 10)
        g.settle(first, charge: SettledCharge(cost: 1, inputTokens: 1, outputTokens: 1), now: noon + 1)
        #expect(snapshot(g, .global, now: noon + 1)?.reserved == 4)
        #expect(snapshot(g, .global, now: noon + 1)?.spent == 1)
        #expect(g.admit(req, estimatedCost: 1, now: noon + 1).isAdmitted)
        g.settle(second, charge: .none, now: noon + 2)
        #expect(snapshot(g, .global, now: noon + 2)?.spent == 1)
    }

    @Test func settlingTheSameTicketTwiceChargesOnce() throws {
        let g = try governor(tight: .global)
        let ticket = try #require(g.admit(req, estimatedCost: 2, now: noon).ticket)
        let charge = SettledCharge(cost: 1.5, inputTokens: 10, outputTokens: 10)
        g.settle(ticket, charge: charge, now: noon)
        g.settle(ticket, charge: charge, now: noon)
        let global = try #require(snapshot(g, .global, now: noon))
        #expect(global.spent == 1.5)
        #expect(global.reserved == 0)
        #expect(g.spendSnapshot(now: noon).spenders.first { $0.name == "team-a/ci" }?.requests24h == 1)
    }

    @Test func abandonedTicketsReleaseTheirReservationsOnce() throws {
        let g = try governor(tight: .global)
        let old = try #require(g.admit(req, estimatedCost: 4, now: noon).ticket)
        _ = try #require(g.admit(req, estimatedCost: 3, now: noon + 100).ticket)
        #expect(g.releaseAbandoned(admittedBefore: noon + 50) == 1)
        #expect(snapshot(g, .global, now: noon + 100)?.reserved == 3)
        g.settle(old, charge: SettledCharge(cost: 4, inputTokens: 1, outputTokens: 1), now: noon + 200)
        #expect(snapshot(g, .global, now: noon + 200)?.spent == 0)
        #expect(g.inFlightCount == 1)
    }

    @Test func ticketsHaveUniqueIDs() throws {
        let g = try governor(tight: .global)
        let ids = (0..<50).compactMap { _ in g.admit(req, estimatedCost: 0, now: noon).ticket?.id }
        #expect(ids.count == 50)
        #expect(Set(ids).count == 50)
    }
}

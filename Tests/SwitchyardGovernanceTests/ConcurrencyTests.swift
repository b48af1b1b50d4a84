import SwitchyardCore
import Testing
@testable import SwitchyardGovernance

@Suite struct ConcurrencyTests {
    @Test func overshootIsBoundedByWhatWasInFlight() async throws {
        let limit = 10.0
        let estimate = 0.5
        let g = try Governor(policy: GovernancePolicy(auth: .open),
                             budgets: [BudgetSpec(scope: .global, limit: limit, period: .daily)], now: noon)
        let admitted = await withTaskGroup(of: Int.self) { group in
            for i in 0..<400 {
                group.addTask {
                    let verdict = g.admit(request(), estimatedCost: estimate, now: noon)
                    guard let ticket = verdict.ticket else { return 0 }
                    await Task.yield()
                    // Actual cost varies but never exceeds the estimate.
                    let cost = estimate * Double(1 + i % 4) / 4
                    g.settle(ticket, charge: SettledCharge(cost: cost, inputTokens: 1, outputTokens: 1), now: noon)
                    return 1
                }
            }
            return await group.reduce(0, +)
        }
        let global = try #require(snapshot(g, .global, now: noon))
        #expect(global.reserved == 0)
        #expect(g.inFlightCount == 0)
        // Each admission saw spent + reserved < limit, so the total can pass it by at most one estimate.
        #expect(global.spent < limit + estimate)
        #expect(admitted < 400)
        #expect(admitted >= Int(limit / estimate))
    }

    @Test func concurrentAdmissionsHoldingTheirReservationsStopAtTheLimit() async throws {
        let g = try Governor(policy: GovernancePolicy(auth: .open),
                             budgets: [BudgetSpec(scope: .global, limit: 10, period: .daily)], now: noon)
        let tickets = await withTaskGroup(of: AdmissionTicket?.self) { group in
            for _ in 0..<200 { group.addTask { g.admit(request(), estimatedCost: 1, now: noon).ticket } }
            return await group.reduce(into: [AdmissionTicket]()) { if let t = $1 { $0.append(t) } }
        }
        #expect(tickets.count == 10)
        #expect(snapshot(g, .global, now: noon)?.reserved == 10)
        await withTaskGroup(of: Void.self) { group in
            for ticket in tickets {
                // Every ticket settled twice, concurrently: charged once each.
                for _ in 0..<2 {
                    group.addTask { g.settle(ticket, charge: SettledCharge(cost: 1, inputTokens: 1, outputTokens: 1), now: noon) }
                }
            }
        }
        #expect(snapshot(g, .global, now: noon)?.spent == 10)
        #expect(snapshot(g, .global, now: noon)?.reserved == 0)
    }
}

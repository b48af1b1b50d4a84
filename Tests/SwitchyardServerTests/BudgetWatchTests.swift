import Logging
import Testing
import SwitchyardCore
@testable import SwitchyardGateway

/// Budget log events from successive looks at the budgets, as a table.
@Suite struct BudgetWatchTests {
    static func budget(spent: Double, reserved: Double = 0, limit: Double = 10, downgrade: String? = nil,
                       resetsAt: Double? = 1_796_688_000) -> BudgetSnapshot {
        BudgetSnapshot(scope: .team("research"), period: .daily, limit: limit, spent: spent, resetsAt: resetsAt,
                       burnPerHour: 0, secondsToExhaustion: nil, reserved: reserved, downgradeTo: downgrade)
    }

    @Test(arguments: [
        // (looks at spent, expected messages per look)
        ([1.0, 5.0], [[], []]),
        ([1.0, 8.5, 9.0], [[], ["notice budget nearly spent: team research daily budget: $8.50 of $10.00 spent"], []]),
        ([1.0, 10.0], [[], ["warning budget exhausted: team research daily budget: $10.00 of $10.00 spent; requests are refused with 429 until it resets at 2026-12-08T00:00:00.000Z"]]),
        ([9.0, 12.0, 0.0], [["notice budget nearly spent: team research daily budget: $9.00 of $10.00 spent"],
                            ["warning budget exhausted: team research daily budget: $12.00 of $10.00 spent; requests are refused with 429 until it resets at 2026-12-08T00:00:00.000Z"],
                            ["notice budget available again: team research daily budget: $0.00 of $10.00 spent"]]),
    ])
    func transitions(spent: [Double], expected: [[String]]) {
        var watch = BudgetWatch()
        for (look, amount) in spent.enumerated() {
            let alerts = watch.alerts([Self.budget(spent: amount)]).map { "\($0.level) \($0.message)" }
            #expect(alerts == expected[look], "look \(look)")
        }
    }

    @Test func reservationsCountTowardsNearlySpentButNotExhausted() {
        var watch = BudgetWatch()
        #expect(watch.alerts([Self.budget(spent: 5, reserved: 4.5)]).map(\.message)
            == ["budget nearly spent: team research daily budget: $5.00 of $10.00 spent"])
        #expect(watch.alerts([Self.budget(spent: 5, reserved: 20)]).isEmpty)
    }

    @Test func downgradesAndTotalsSayWhatHappensNext() {
        var watch = BudgetWatch()
        let downgraded = watch.alerts([Self.budget(spent: 10, downgrade: "gpt-4o-mini", resetsAt: nil)])
        #expect(downgraded.map(\.message) == [
            "budget exhausted: team research daily budget: $10.00 of $10.00 spent; requests move to gpt-4o-mini until its limit is raised (it never resets)",
        ])
        // A budget gone from the list and back starts over.
        #expect(watch.alerts([]).isEmpty)
        #expect(watch.alerts([Self.budget(spent: 10)]).count == 1)
    }
}

import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// Budget rows with long labels and four-digit limits, as in the demo: nothing numeric may be cut.
@Suite struct BudgetPaneTests {
    static let budgets: [BudgetSnapshot] = [
        BudgetSnapshot(scope: .global, period: .daily, limit: 1_000, spent: 0.64, resetsAt: nil,
                       burnPerHour: 3.34, secondsToExhaustion: 1_043_600),
        BudgetSnapshot(scope: .key("team-c/notebook"), period: .daily, limit: 2.5, spent: 0.01, resetsAt: nil,
                       burnPerHour: 0.1, secondsToExhaustion: 90_000),
        BudgetSnapshot(scope: .model("claude-sonnet"), period: .daily, limit: 60, spent: 0.1, resetsAt: nil,
                       burnPerHour: 1.23, secondsToExhaustion: 172_800),
        BudgetSnapshot(scope: .team("team-c"), period: .daily, limit: 5, spent: 0.02, resetsAt: nil,
                       burnPerHour: 0.18, secondsToExhaustion: 97_200),
    ]

    func screen(width: Int, height: Int) -> String {
        var snapshot = Fixture.snapshot
        snapshot.budgets = Self.budgets
        let state = DashboardState(width: width, height: height, snapshot: snapshot)
        return Renderer.render(state, glyphs: .unicode).textDump()
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func amountsAreWhole(size: (Int, Int)) {
        let text = screen(width: size.0, height: size.1)
        for money in ["$0.64/$1k", "$0.01/$2.5", "$0.10/$60", "$0.02/$5"] {
            #expect(text.contains(" \(money) "), "\(money) missing or cut at \(size.0)×\(size.1):\n\(text)")
        }
    }

    @Test(arguments: [(120, 40), (200, 60)])
    func labelsAreWhole(size: (Int, Int)) {
        let text = screen(width: size.0, height: size.1)
        for label in ["global day", "team-c/notebook day", "claude-sonnet day", "team-c day"] {
            #expect(text.contains(label), "\(label) missing or cut at \(size.0)×\(size.1):\n\(text)")
        }
        #expect(text.contains("12d 1h"), "time to exhaustion cut:\n\(text)")
    }
}

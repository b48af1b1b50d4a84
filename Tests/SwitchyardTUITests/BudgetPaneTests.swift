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

/// The fixture's budgets and spenders as the pane, header and team view show them.
@Suite struct BudgetSpendTests {
    func screen(_ width: Int, _ height: Int, _ snapshot: GatewaySnapshot = Fixture.snapshot,
                _ change: (inout DashboardState) -> Void = { _ in }) -> String {
        var state = DashboardState(width: width, height: height, snapshot: snapshot)
        change(&state)
        return Renderer.render(state, glyphs: .unicode).textDump()
    }

    @Test(arguments: [(120, 40), (200, 60)])
    func topSpendersAndUnknownCostShowWhenThereIsRoom(size: (Int, Int)) {
        let text = screen(size.0, size.1)
        #expect(text.contains("top spenders (24 h)"), "\(text)")
        #expect(text.contains("12 requests of unknown cost (24 h)"), "\(text)")
        for key in ["team-a/web", "team-a/chat", "team-b/ci"] { #expect(text.contains(key), "\(key) missing:\n\(text)") }
    }

    @Test func noUnknownCostLineWhenEverythingIsPriced() {
        var snap = Fixture.snapshot
        snap.spend.unpricedRequests24h = 0
        let text = screen(120, 40, snap)
        #expect(text.contains("top spenders (24 h)"))
        #expect(!text.contains("unknown cost"))
    }

    @Test func narrowScreenKeepsBudgetsOverSpenders() {
        let text = screen(80, 24)
        #expect(!text.contains("top spenders"))
        #expect(text.contains("global day"))
    }

    @Test func outlookSaysExhaustedResetOrDowngrade() {
        let text = screen(200, 60)
        #expect(text.contains("exhausted · resets 14h"), "\(text)")
        #expect(text.contains("exhausted → gpt-4o-mini"), "\(text)")
        #expect(text.contains("out in 2h 21m"), "\(text)")
        // team-a/batch would run out in 42 h, but its day ends in 12 h first.
        #expect(text.contains("lasts the period"), "\(text)")
        #expect(!text.contains("out in 1d 18h"), "\(text)")
    }

    @Test func headerShowsSpendRateAndDayAverageWhenWide() {
        let wide = screen(200, 60).split(separator: "\n").first.map(String.init) ?? ""
        #expect(wide.contains("$38.60/h"))
        #expect(wide.contains("24h avg $17.20/h"))
        let narrow = screen(80, 24).split(separator: "\n").first.map(String.init) ?? ""
        #expect(narrow.contains("$38.60/h"))
        #expect(!narrow.contains("24h avg"))
    }

    @Test func headerFallsBackToTotalsWithoutSpendBreakdown() {
        var snap = Fixture.snapshot
        snap.spend = SpendSnapshot()
        let header = screen(200, 60, snap).split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("$41.20/h"))
        #expect(!header.contains("24h avg"))
    }

    @Test func teamViewListsEveryKeyWithAndWithoutBudget() {
        let text = screen(120, 40) { $0.focus = .budget; $0.drillStack = [.team("team-a")] }
        #expect(text.contains("5 Budget › team-a"))
        #expect(text.contains("team-a mo"), "team budget row missing:\n\(text)")
        for key in ["team-a/web", "team-a/chat", "team-a/batch"] { #expect(text.contains(key)) }
        #expect(!text.contains("team-b/ci"))
        #expect(text.contains("no budget"))
    }

    @Test func teamViewOfAVanishedTeamSaysSo() {
        let text = screen(120, 40) { $0.focus = .budget; $0.drillStack = [.team("team-z")] }
        #expect(text.contains("team team-z is no longer in the snapshot"))
    }
}

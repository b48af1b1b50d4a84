import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// The Budget pane's row order and the team drill-down: key → action → state.
@Suite struct TeamDrillTests: ReducerDriving {
    /// Index of the budget labelled `scope` in the pane's order.
    func row(_ scope: BudgetScope, _ snapshot: GatewaySnapshot = Fixture.snapshot) throws -> Int {
        try #require(PaneRows(snapshot, filter: "").budgets.firstIndex { $0.scope == scope })
    }

    @Test func budgetsAreGlobalTeamsKeysModelsFullestFirst() {
        let order = PaneRows(Fixture.snapshot, filter: "").budgets.map(\.scope)
        #expect(order == [
            .global, .team("team-c"), .team("team-a"), .team("team-b"),
            .key("team-b/ci"), .key("team-a/web"), .key("team-a/batch"), .model("o3-mini"),
        ])
    }

    @Test func orderDoesNotDependOnSnapshotOrder() {
        var snap = Fixture.snapshot
        snap.budgets.reverse()
        #expect(PaneRows(snap, filter: "").budgets == PaneRows(Fixture.snapshot, filter: "").budgets)
    }

    @Test func enterOnTeamRowDrillsInAndEscGoesBack() throws {
        let teamA = try row(.team("team-a"))
        var s = start()
        s.focus = .budget
        s.selection[.budget] = teamA
        let (drilled, effects) = press([.enter], s)
        #expect(effects.isEmpty)
        #expect(drilled.drill == .team("team-a"))
        #expect(drilled.drillSelection == 0)
        let (back, _) = press([.esc], drilled)
        #expect(back.drill == nil)
        #expect(back.focus == .budget)
        #expect(back.selected(.budget) == teamA)
    }

    @Test func numberKeyAndArrowsReachTheTeamRow() {
        // 5 focuses Budget; row 0 is global, row 1 the fullest team (team-c at 105 %).
        let (s, _) = press([.char("5"), .down, .enter], start())
        #expect(s.drill == .team("team-c"))
    }

    @Test func teamKeysComeFromSpendersAndKeyBudgets() {
        let keys = TeamKey.keys(of: "team-a", in: Fixture.snapshot)
        #expect(keys.map(\.name) == ["team-a/web", "team-a/chat", "team-a/batch"])
        #expect(keys[0].budget?.scope == .key("team-a/web"))
        #expect(keys[1].budget == nil)
        #expect(keys[1].spender?.requests24h == 9_870)
        #expect(PaneRows.drillCount(.team("team-a"), in: Fixture.snapshot) == 3)
    }

    @Test func keyWithBudgetButNoSpendIsListed() {
        var snap = Fixture.snapshot
        snap.budgets.append(BudgetSnapshot(scope: .key("team-a/new"), period: .daily, limit: 5, spent: 0,
                                           resetsAt: nil, burnPerHour: 0, secondsToExhaustion: nil, team: "team-a"))
        let keys = TeamKey.keys(of: "team-a", in: snap)
        #expect(keys.map(\.name) == ["team-a/web", "team-a/chat", "team-a/batch", "team-a/new"])
        #expect(keys.last?.spender == nil)
    }

    @Test func drillSelectionStaysWithinTheTeamsKeys() throws {
        var s = start()
        s.focus = .budget
        s.selection[.budget] = try row(.team("team-a"))
        let (bottom, _) = press([.enter] + Array(repeating: .down, count: 10), s)
        #expect(bottom.drillSelection == 2)
        let (top, _) = press([.pageUp], bottom)
        #expect(top.drillSelection == 0)
        let (end, _) = press([.end], top)
        #expect(end.drillSelection == 2)
    }

    @Test func budgetSelectionStaysWithinRows() {
        let (s, _) = press([.char("5"), .end, .down, .down], start())
        #expect(s.selected(.budget) == Fixture.budgets.count - 1)
        let (t, _) = press([.home, .up], s)
        #expect(t.selected(.budget) == 0)
    }

    @Test func snapshotWithFewerKeysClampsTheDrillSelection() throws {
        var s = start()
        s.focus = .budget
        s.selection[.budget] = try row(.team("team-a"))
        (s, _) = press([.enter, .end], s)
        #expect(s.drillSelection == 2)
        var snap = Fixture.snapshot
        snap.spend.spenders.removeAll { $0.name == "team-a/chat" }
        snap.budgets.removeAll { $0.scope == .key("team-a/batch") }
        snap.spend.spenders.removeAll { $0.name == "team-a/batch" }
        (s, _) = Reducer.reduce(s, .snapshot(snap))
        #expect(s.drill == .team("team-a"))
        #expect(s.drillSelection == 0)
    }

    @Test func enterOnKeyRowOpensItsTeamAtTheKey() throws {
        var s = start()
        s.focus = .budget
        s.selection[.budget] = try row(.key("team-a/batch"))
        let (drilled, _) = press([.enter], s)
        #expect(drilled.drill == .team("team-a"))
        #expect(drilled.drillSelection == 2)
    }

    @Test func keyBudgetWithoutTeamUsesItsSpendersTeam() throws {
        var snap = Fixture.snapshot
        for i in snap.budgets.indices where snap.budgets[i].scope == .key("team-b/ci") { snap.budgets[i].team = nil }
        var s = start(snap)
        s.focus = .budget
        s.selection[.budget] = try row(.key("team-b/ci"), snap)
        let (drilled, _) = press([.enter], s)
        #expect(drilled.drill == .team("team-b"))
        #expect(TeamKey.keys(of: "team-b", in: snap).map(\.name) == ["team-b/ci"])
    }

    @Test(arguments: [BudgetScope.global, .model("o3-mini")])
    func enterOnGlobalOrModelRowOnlyHints(scope: BudgetScope) throws {
        var s = start()
        s.focus = .budget
        s.selection[.budget] = try row(scope)
        let (after, effects) = press([.enter], s)
        #expect(effects.isEmpty)
        #expect(after.drill == nil)
        #expect(after.statusMessage?.contains("team") == true)
    }

    @Test func tabLeavesTheTeamView() throws {
        var s = start()
        s.focus = .budget
        s.selection[.budget] = try row(.team("team-b"))
        let (drilled, _) = press([.enter], s)
        #expect(drilled.drill == .team("team-b"))
        let (moved, _) = press([.tab], drilled)
        #expect(moved.drill == nil)
        #expect(moved.focus == .requests)
    }
}

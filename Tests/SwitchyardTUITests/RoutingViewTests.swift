import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// The Routing view (`R`): each task's traffic, group, cost, escalations and savings; golden screens.
@Suite struct RoutingViewTests: ReducerDriving {
    static let rows = [
        TaskRoutingRow(model: "auto", task: "chat", requests: 4_210, perMinute: 312, group: "fast",
                       deployment: "fast/openai", cost: 1.84, escalations: 0, mostExpensiveCost: 41.2),
        TaskRoutingRow(model: "auto", task: "code", requests: 1_032, perMinute: 95, group: "coder",
                       deployment: "coder/anthropic", cost: 9.75, escalations: 0, mostExpensiveCost: 15.1),
        TaskRoutingRow(model: "auto", task: "structured", requests: 388, perMinute: 21, group: "fast",
                       deployment: "fast/openai", cost: 0.62, escalations: 17, mostExpensiveCost: 5.3),
        TaskRoutingRow(model: "auto", task: "reasoning", requests: 120, perMinute: 6, group: "smart",
                       deployment: "smart/openai", cost: 6.1, escalations: 0, mostExpensiveCost: 6.1),
    ]

    func routed() -> DashboardState {
        var snapshot = Fixture.snapshot
        snapshot.routing = Self.rows
        return DashboardState(width: 120, height: 30, snapshot: snapshot)
    }

    @Test func capitalROpensTheViewAndEscLeavesIt() {
        let (opened, effects) = press([.char("R")], routed())
        #expect(effects.isEmpty)
        #expect(opened.drill == .routing)
        let (moved, _) = press([.down, .down], opened)
        #expect(moved.drillSelection == 2)
        let (back, _) = press([.esc], moved)
        #expect(back.drill == nil)
    }

    @Test func theViewShowsEveryTaskAndTheSavings() throws {
        let (s, _) = press([.char("R")], routed())
        let text = Renderer.render(s, glyphs: .unicode).textDump()
        #expect(text.contains("Routing"))
        #expect(text.contains("434/min"))
        #expect(text.contains("$49.4 saved"), "\(text)")
        for task in ["chat", "code", "structured", "reasoning"] { #expect(text.contains(task), "\(task)") }
        Golden.check("routing-120x30", Renderer.render(s, glyphs: .unicode), theme: try #require(ThemeCatalog.builtin("default")))
        var narrow = s
        narrow.width = 80
        narrow.height = 24
        Golden.check("routing-80x24", Renderer.render(narrow, glyphs: .unicode), theme: try #require(ThemeCatalog.builtin("default")))
    }

    @Test func withoutTaskRoutingTheViewSaysWhy() {
        let (s, _) = press([.char("R")], DashboardState(width: 120, height: 30, snapshot: Fixture.snapshot))
        #expect(Renderer.render(s, glyphs: .unicode).textDump().contains("no task-routed requests yet"))
    }
}

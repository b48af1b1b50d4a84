import SwitchyardCore
import Testing
@testable import SwitchyardTUI

@Suite struct FilterGoldenTests {
    func theme(_ name: String) throws -> Theme { try #require(ThemeCatalog.builtin(name)) }

    func state(filter: String, editing: Bool = false) -> DashboardState {
        var s = DashboardState(width: 120, height: 40, snapshot: Fixture.snapshot)
        s.focus = .requests
        s.filter = filter
        s.editingFilter = editing
        return s
    }

    @Test func requestsPaneFiltered() throws {
        let s = state(filter: "model=gpt-4o* !stream")
        let grid = Renderer.render(s, glyphs: .unicode)
        let text = grid.textDump()
        let shown = PaneRows(s.snapshot, filter: s.activeFilter).requests.count
        #expect(shown > 0 && shown < Fixture.requests.count)
        #expect(text.contains("6 Requests ▶ follow · \(shown) of \(Fixture.requests.count) · model=gpt-4o* !stream"))
        #expect(text.contains("filter: model=gpt-4o* !stream (Esc clears)"))
        Golden.check("requests-filtered-120x40", grid, theme: try theme("default"))
    }

    @Test func narrowTitleKeepsTheCount() throws {
        var s = state(filter: "provider=openai model=gpt-4o-mini !stream slow>100ms")
        s.width = 80
        s.height = 24
        let text = Renderer.render(s, glyphs: .ascii).textDump()
        let shown = PaneRows(s.snapshot, filter: s.activeFilter).requests.count
        #expect(shown > 0)
        #expect(text.contains("6 Requests > | \(shown) of \(Fixture.requests.count) | provider=openai"))
    }

    @Test func statusLineWithBadExpression() throws {
        // Typed in order: everything before the bad term stays applied.
        var s = state(filter: "")
        s = Reducer.reduce(s, .key(.char("/"))).0
        for c in "status>=500 modle=gpt-4o" {
            s = Reducer.reduce(s, .key(.char(c))).0
        }
        #expect(s.filterError != nil)
        let grid = Renderer.render(s, glyphs: .unicode)
        let text = grid.textDump()
        #expect(text.contains("/status>=500 modle=gpt-4o_   unknown field 'modle' at 13 (did you mean 'model'?) · still showing status>=500"))
        #expect(text.contains("6 Requests ▶ follow · 1 of 14 · status>=500"))
        Golden.check("filter-bad-expression-120x40", grid, theme: try theme("default"))
    }
}

import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// Screens of the help search and of the Requests list opened with Enter on a Latency row.
@Suite struct EnterAndSearchGoldenTests: ReducerDriving {
    func theme() throws -> Theme { try #require(ThemeCatalog.builtin("default")) }

    @Test func helpSearched() throws {
        var s = DashboardState(width: 80, height: 24, snapshot: Fixture.snapshot)
        s = press([.char("?"), .char("/")] + chars("filter"), s).0
        let grid = Renderer.render(s, glyphs: .unicode)
        let text = grid.textDump()
        #expect(text.contains("Keys · 3 matches"), "\(text)")
        #expect(text.contains("/filter_"))
        #expect(text.contains("Esc clears"))
        #expect(!text.contains("undo the last override"))
        Golden.check("help-searched-80x24", grid, theme: try theme())
    }

    @Test func helpSearchWithNoMatch() throws {
        var s = DashboardState(width: 80, height: 24, snapshot: Fixture.snapshot)
        s = press([.char("?"), .char("/")] + chars("qqq") + [.enter], s).0
        let text = Renderer.render(s, glyphs: .unicode).textDump()
        #expect(text.contains("Keys · no matches"), "\(text)")
        #expect(text.contains("no key or description contains \"qqq\""))
    }

    @Test func requestsAfterEnterOnLatency() throws {
        var s = DashboardState(width: 120, height: 30, snapshot: Fixture.snapshot)
        s = press([.char("2"), .enter], s).0
        let grid = Renderer.render(s, glyphs: .unicode)
        let text = grid.textDump()
        let shown = PaneRows(s.snapshot, filter: s.activeFilter).requests.count
        #expect(shown > 0)
        #expect(text.contains("6 Requests ▶ follow · \(shown) of \(Fixture.requests.count) · model=gpt-4o"), "\(text)")
        #expect(text.contains("requests for gpt-4o — Esc clears"))
        Golden.check("requests-after-enter-on-latency-120x30", grid, theme: try theme())
    }
}

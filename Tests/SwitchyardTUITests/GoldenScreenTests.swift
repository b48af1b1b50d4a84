import SwitchyardCore
import Testing
@testable import SwitchyardTUI

@Suite struct GoldenScreenTests {
    static let dark = ThemeCatalog.builtin("default")
    static let mono = ThemeCatalog.builtin("mono")

    func state(_ w: Int, _ h: Int) -> DashboardState {
        var s = DashboardState(width: w, height: h, snapshot: Fixture.snapshot)
        s.focus = .providers
        s.selection[.providers] = 1
        return s
    }

    func theme(_ name: String) throws -> Theme { try #require(ThemeCatalog.builtin(name)) }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func dashboard(size: (Int, Int)) throws {
        let grid = Renderer.render(state(size.0, size.1), glyphs: .unicode)
        Golden.check("dashboard-\(size.0)x\(size.1)-default", grid, theme: try theme("default"))
        Golden.check("dashboard-\(size.0)x\(size.1)-mono", grid, theme: try theme("mono"))
    }

    @Test func tooSmall() throws {
        let grid = Renderer.render(state(50, 12), glyphs: .unicode)
        #expect(grid.textDump().contains("terminal too small: need ≥ 60×16, have 50×12"))
        Golden.check("too-small-50x12", grid, theme: try theme("default"))
    }

    @Test func helpOverlay() throws {
        var s = state(80, 24)
        s.overlay = .help
        Golden.check("help-80x24", Renderer.render(s, glyphs: .unicode), theme: try theme("default"))
    }

    /// At 70×18 the keys do not all fit: the list scrolls, says how many are below, and reaches the last key.
    @Test func helpScrollsOnAShortScreen() throws {
        var s = state(70, 18)
        s = Reducer.reduce(s, .key(.char("?"))).0
        let top = Renderer.render(s, glyphs: .unicode).textDump()
        let hidden = Keymap.entries.count - HelpOverlay.visibleRows(screenHeight: 18)
        #expect(hidden > 0)
        #expect(top.contains("\(hidden) more (j)"), "\(top)")
        for _ in 0..<(hidden + 5) { s = Reducer.reduce(s, .key(.char("j"))).0 }
        #expect(s.helpScroll == hidden)
        let bottom = Renderer.render(s, glyphs: .unicode)
        let text = bottom.textDump()
        #expect(text.contains(try #require(Keymap.entries.last).1), "\(text)")
        #expect(text.contains("top (g)"))
        Golden.check("help-70x18-scrolled", bottom, theme: try theme("default"))
        s = Reducer.reduce(s, .key(.char("g"))).0
        #expect(s.helpScroll == 0)
        s = Reducer.reduce(s, .key(.esc)).0
        #expect(s.overlay == .none)
    }

    @Test func confirmDialog() throws {
        var s = state(80, 24)
        s.overlay = .confirm(.disableProvider("azure"))
        Golden.check("confirm-80x24", Renderer.render(s, glyphs: .unicode), theme: try theme("default"))
    }

    @Test func providerDrillDown() throws {
        var s = state(120, 40)
        s.drillStack = [.provider("azure")]
        s.drillSelection = 0
        Golden.check("provider-azure-120x40", Renderer.render(s, glyphs: .unicode), theme: try theme("default"))
    }

    @Test func teamDrillDown() throws {
        var s = state(120, 40)
        s.focus = .budget
        s.drillStack = [.team("team-a")]
        s.drillSelection = 1
        Golden.check("team-a-120x40", Renderer.render(s, glyphs: .unicode), theme: try theme("default"))
    }

    @Test func budgetFocused() throws {
        var s = state(80, 24)
        s.focus = .budget
        s.selection[.budget] = 4
        Golden.check("budget-focused-80x24", Renderer.render(s, glyphs: .unicode), theme: try theme("default"))
    }

    @Test func requestAttemptsDrillDown() throws {
        var s = state(120, 40)
        s.focus = .requests
        s.drillStack = [.request(Fixture.requests[5].id)]
        Golden.check("request-attempts-120x40", Renderer.render(s, glyphs: .unicode), theme: try theme("default"))
    }

    @Test func asciiGlyphs() throws {
        Golden.check("dashboard-80x24-ascii", Renderer.render(state(80, 24), glyphs: .ascii), theme: try theme("default"))
    }

    @Test func pausedWithFilter() throws {
        var s = state(120, 40)
        s.paused = true
        s.filter = "gpt"
        s.focus = .requests
        Golden.check("filtered-paused-120x40", Renderer.render(s, glyphs: .unicode), theme: try theme("light"))
    }

    @Test func failedRequestDrillDown() throws {
        var s = state(80, 24)
        s.focus = .requests
        s.drillStack = [.request(Fixture.requests[7].id)]
        Golden.check("request-failed-80x24", Renderer.render(s, glyphs: .unicode), theme: try theme("default"))
    }

    @Test func waitingForFirstSnapshot() throws {
        let s = DashboardState(width: 80, height: 24)
        let grid = Renderer.render(s, glyphs: .unicode)
        #expect(grid.textDump().contains("waiting for the first snapshot"))
        Golden.check("no-snapshot-80x24", grid, theme: try theme("default"))
    }

    @Test func asciiHelpHasOnlyAscii() throws {
        var s = state(80, 24)
        s.overlay = .help
        let grid = Renderer.render(s, glyphs: .ascii)
        let helpIsASCII = grid.textDump().unicodeScalars.allSatisfy { $0.isASCII }
        let mainIsASCII = Renderer.render(state(80, 24), glyphs: .ascii).textDump().unicodeScalars.allSatisfy { $0.isASCII }
        #expect(helpIsASCII)
        #expect(mainIsASCII)
        Golden.check("help-80x24-ascii", grid, theme: try theme("high-contrast"))
    }
}

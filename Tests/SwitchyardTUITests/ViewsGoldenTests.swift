import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// Zoomed panes, sort arrows, the command line and the hint line, at the standard and a wide size.
@Suite struct ViewsGoldenTests: ReducerDriving {
    func theme() throws -> Theme { try #require(ThemeCatalog.builtin("default")) }

    func state(_ w: Int, _ h: Int, _ keys: [Key] = []) -> DashboardState {
        press(keys, DashboardState(width: w, height: h, snapshot: Fixture.snapshot)).0
    }

    func bottomLine(_ grid: CellGrid) -> String {
        grid.textDump().split(separator: "\n", omittingEmptySubsequences: false).last(where: { !$0.isEmpty })
            .map(String.init) ?? ""
    }

    @Test(arguments: [(80, 24), (120, 30)])
    func zoomedRequests(size: (Int, Int)) throws {
        let s = state(size.0, size.1, [.char("6"), .char("j"), .char("z")])
        let grid = Renderer.render(s, glyphs: .unicode)
        let text = grid.textDump()
        #expect(!text.contains("1 Providers"))
        #expect(text.contains(s.rows.requests[1].id), "the full id shows when zoomed")
        #expect(bottomLine(grid).contains("z/Esc all panes"))
        Golden.check("zoom-requests-\(size.0)x\(size.1)", grid, theme: try theme())
    }

    @Test(arguments: [(80, 24), (120, 30)])
    func zoomedProviders(size: (Int, Int)) throws {
        let grid = Renderer.render(state(size.0, size.1, [.char("1"), .char("j"), .char("z")]), glyphs: .unicode)
        let text = grid.textDump()
        #expect(text.contains("Deployments") && text.contains("gpt-4o/azure"))
        Golden.check("zoom-providers-\(size.0)x\(size.1)", grid, theme: try theme())
    }

    @Test func zoomedLatency() throws {
        let grid = Renderer.render(state(120, 30, [.char("2"), .char("j"), .char("z")]), glyphs: .unicode)
        #expect(grid.textDump().contains("p50 trend · \(Fixture.models[1].name)"))
        Golden.check("zoom-latency-120x30", grid, theme: try theme())
    }

    @Test(arguments: [(80, 24), (120, 30)])
    func sortArrows(size: (Int, Int)) throws {
        // Providers by req/s, largest first; Requests by latency, reversed to smallest first.
        let s = state(size.0, size.1, [.char("s"), .char("s"), .char("s"), .char("s"), .char("6")]
                      + Array(repeating: .char("s"), count: 4) + [.char("S")])
        let unicode = Renderer.render(s, glyphs: .unicode)
        #expect(unicode.textDump().contains("req/s▼"))
        #expect(unicode.textDump().contains("latency▲"))
        Golden.check("sort-\(size.0)x\(size.1)", unicode, theme: try theme())
        let ascii = Renderer.render(s, glyphs: .ascii)
        #expect(ascii.textDump().contains("req/sv"))
        #expect(ascii.textDump().contains("latency^"))
        Golden.check("sort-\(size.0)x\(size.1)-ascii", ascii, theme: try theme())
    }

    @Test(arguments: [(80, 24), (120, 30)])
    func commandLineWithACompletion(size: (Int, Int)) throws {
        let s = state(size.0, size.1, [.char(":")] + chars("provider a") + [.tab, .tab])
        let grid = Renderer.render(s, glyphs: .unicode)
        #expect(bottomLine(grid).hasPrefix(" :provider anthropic_"))
        #expect(bottomLine(grid).contains("azure anthropic"))
        Golden.check("command-line-\(size.0)x\(size.1)", grid, theme: try theme())
        let fresh = Renderer.render(state(size.0, size.1, [.char(":")]), glyphs: .unicode)
        #expect(bottomLine(fresh).contains("Tab complete · ↑↓ history · Enter run · Esc cancel"))
    }

    @Test(arguments: [(80, 24), (120, 30)])
    func hintLines(size: (Int, Int)) throws {
        let main = Renderer.render(state(size.0, size.1), glyphs: .unicode)
        #expect(bottomLine(main).contains("Tab/1-6 pane"))
        #expect(bottomLine(main).hasSuffix("? help"))
        Golden.check("hints-main-\(size.0)x\(size.1)", main, theme: try theme())

        var inspector = DashboardState(width: size.0, height: size.1, snapshot: TraceFixture.snapshot)
        inspector = press([.char("6"), .enter], inspector).0
        inspector = Reducer.reduce(inspector, .traceLoaded(TraceFixture.id, TraceFixture.trace)).0
        let trace = Renderer.render(inspector, glyphs: .unicode)
        #expect(bottomLine(trace).contains("span"))
        #expect(bottomLine(trace).hasSuffix("? help"))
        Golden.check("hints-inspector-\(size.0)x\(size.1)", trace, theme: try theme())

        let zoom = Renderer.render(state(size.0, size.1, [.char("3"), .char("z")]), glyphs: .unicode)
        #expect(bottomLine(zoom).contains("z/Esc all panes"))
        Golden.check("hints-zoom-\(size.0)x\(size.1)", zoom, theme: try theme())
    }

    /// A status message takes the hint line's place for five seconds, then the hints come back.
    @Test func aStatusMessageGivesTheLineBackToTheHints() {
        var s = Reducer.reduce(state(80, 24), .tick(50)).0
        s = press([.char("6"), .char("y")], s).0
        #expect(bottomLine(Renderer.render(s, glyphs: .unicode)).contains("copied req_"))
        s = Reducer.reduce(s, .tick(55)).0
        #expect(bottomLine(Renderer.render(s, glyphs: .unicode)).contains("Tab/1-6 pane"))
    }
}

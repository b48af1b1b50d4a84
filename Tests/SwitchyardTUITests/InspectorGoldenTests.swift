import SwitchyardCore
import Testing
@testable import SwitchyardTUI

@Suite struct InspectorGoldenTests {
    func theme() throws -> Theme { try #require(ThemeCatalog.builtin("default")) }

    func list(_ w: Int, _ h: Int) -> DashboardState {
        var s = DashboardState(width: w, height: h, snapshot: TraceFixture.snapshot)
        s.focus = .requests
        return s
    }

    /// The waterfall of the fixture trace, open with its failed attempt selected.
    func waterfall(_ w: Int, _ h: Int, trace: RequestTrace = TraceFixture.trace) -> DashboardState {
        var s = list(w, h)
        s = Reducer.reduce(s, .key(.enter)).0
        s = Reducer.reduce(s, .traceLoaded(TraceFixture.id, trace)).0
        return s
    }

    func press(_ keys: [Key], _ state: DashboardState) -> DashboardState {
        keys.reduce(state) { Reducer.reduce($0, .key($1)).0 }
    }

    @Test func listFollowing() throws {
        let grid = Renderer.render(list(120, 40), glyphs: .unicode)
        #expect(grid.textDump().contains("Requests ▶ follow"))
        Golden.check("inspector-list-follow-120x40", grid, theme: try theme())
    }

    @Test func listPausedWithNewRequests() throws {
        var s = press([.down, .down], list(120, 40))
        var next = TraceFixture.snapshot
        for i in 0..<3 {
            var r = Fixture.requests[i]
            r.id = "req_new\(i)"
            r.time = Fixture.t0 + Double(i)
            next.requests.append(r)
        }
        s = Reducer.reduce(s, .snapshot(next)).0
        let grid = Renderer.render(s, glyphs: .unicode)
        #expect(grid.textDump().contains("Requests ⏸ 3 new"))
        Golden.check("inspector-list-paused-120x40", grid, theme: try theme())
    }

    @Test func waterfallWide() throws {
        let grid = Renderer.render(waterfall(120, 40), glyphs: .unicode)
        let text = grid.textDump()
        #expect(text.contains("trace 4bf92f3577b34da6a3ce929d0e0e4736"))
        #expect(text.contains("response.write"))
        Golden.check("waterfall-120x40", grid, theme: try theme())
    }

    @Test func waterfallStandard() throws {
        Golden.check("waterfall-80x24", Renderer.render(waterfall(80, 24), glyphs: .unicode), theme: try theme())
    }

    @Test func waterfallNarrowDropsTheBarFirst() throws {
        let grid = Renderer.render(waterfall(60, 16), glyphs: .unicode)
        let text = grid.textDump()
        #expect(!text.contains(String(Glyphs.unicode.gaugeFull)))
        #expect(text.contains("attempt"))
        #expect(text.contains("503"))
        Golden.check("waterfall-60x16", grid, theme: try theme())
    }

    @Test func waterfallASCII() throws {
        Golden.check("waterfall-80x24-ascii", Renderer.render(waterfall(80, 24), glyphs: .ascii), theme: try theme())
    }

    @Test func routeCandidates() throws {
        // The second route span: azure already tried, openai picked.
        var s = waterfall(120, 40)
        s = press([.char("g")] + Array(repeating: .char("j"), count: 7), s)
        #expect(TraceFixture.spans[s.drillSelection].name == .route)
        let grid = Renderer.render(s, glyphs: .unicode)
        #expect(grid.textDump().contains("▸ gpt-4o/openai"))
        Golden.check("waterfall-route-120x40", grid, theme: try theme())
    }

    @Test func zoomedRootWithBodies() throws {
        let s = press([.char("b")], waterfall(80, 24, trace: TraceFixture.withBodies))
        Golden.check("waterfall-bodies-80x24", Renderer.render(s, glyphs: .unicode), theme: try theme())
    }

    @Test func noTrace() throws {
        var s = list(80, 24)
        s.selection[.requests] = PaneRows(s.snapshot, filter: "").requests.firstIndex { $0.status == 502 } ?? 0
        s = Reducer.reduce(s, .key(.enter)).0
        guard case .request(let id)? = s.drill else { Issue.record("no request opened"); return }
        s = Reducer.reduce(s, .traceLoaded(id, nil)).0
        Golden.check("inspector-no-trace-80x24", Renderer.render(s, glyphs: .unicode), theme: try theme())
    }

    @Test func traceFailed() throws {
        var s = list(120, 40)
        s = Reducer.reduce(s, .key(.enter)).0
        s = Reducer.reduce(s, .traceFailed(TraceFixture.id, "gateway unreachable at run/switchyard.sock")).0
        Golden.check("inspector-trace-failed-120x40", Renderer.render(s, glyphs: .unicode), theme: try theme())
    }

    /// Every size from nothing to wide, zoomed or not, with and without bodies: drawing never traps.
    @Test func anySizeDraws() {
        for trace in [TraceFixture.trace, TraceFixture.withBodies] {
            for h in stride(from: 0, through: 44, by: 2) {
                for w in stride(from: 0, through: 130, by: 3) {
                    var s = waterfall(120, 40, trace: trace)
                    s.width = w
                    s.height = h
                    let plain = Renderer.render(s, glyphs: .unicode)
                    #expect(plain.width == w && plain.height == h)
                    s = press([.enter, .pageDown], s)
                    _ = Renderer.render(s, glyphs: .ascii)
                }
            }
        }
    }
}

import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// The mouse, through the reducer: positions are found on the rendered screen, as a user would aim, so that the
/// hit-testing is checked against what is drawn.
@Suite struct MouseTests: ReducerDriving {
    func lines(_ s: DashboardState) -> [String] {
        Renderer.render(s, glyphs: .unicode).textDump().components(separatedBy: "\n")
    }

    /// The cell where `text` starts on the first line that contains it, searching from column `after` on.
    func position(of text: String, in s: DashboardState, after: Int = 0, where line: (String) -> Bool = { _ in true })
        -> (x: Int, y: Int)? {
        for (y, row) in lines(s).enumerated() where line(row) {
            let chars = Array(row)
            guard chars.count >= text.count, after <= chars.count - text.count else { continue }
            for x in after...(chars.count - text.count) where String(chars[x..<(x + text.count)]) == text {
                return (x, y)
            }
        }
        return nil
    }

    func mouse(_ kind: MouseEvent.Kind, at p: (x: Int, y: Int), _ s: DashboardState) -> (DashboardState, [Effect]) {
        Reducer.reduce(s, .mouse(MouseEvent(kind, x: p.x, y: p.y)))
    }

    /// The requests pane's header line starts with "done" and holds "tries"; it is the lower right pane.
    func requestsHeader(_ s: DashboardState) -> (Int, Int)? {
        position(of: "latency", in: s, after: s.width / 3) { $0.contains("│done ") && $0.contains(" tries ") }
    }

    @Test func aClickFocusesThePaneAndSelectsTheRowUnderIt() throws {
        let s = start()
        let target = s.rows.requests[2]
        let p = try #require(position(of: String(target.id.prefix(8)), in: s))
        let (after, effects) = mouse(.click, at: p, s)
        #expect(effects.isEmpty)
        #expect(after.focus == .requests)
        #expect(after.rows.requests[after.selected(.requests)].id == target.id)
        // Selecting a request by hand stops following, as ↓ does.
        #expect(!after.followRequests && after.pinnedRequestID == target.id)

        let azure = try #require(position(of: "azure", in: after))
        let (onProvider, _) = mouse(.click, at: azure, after)
        #expect(onProvider.focus == .providers)
        #expect(onProvider.rows.providers[onProvider.selected(.providers)].name == "azure")
    }

    @Test func aDoubleClickOpensTheRowAsEnterDoes() throws {
        let s = start()
        let azure = try #require(position(of: "azure", in: s))
        let (opened, _) = mouse(.doubleClick, at: azure, s)
        #expect(opened.drill == .provider("azure"))

        let target = s.rows.requests[1]
        let p = try #require(position(of: String(target.id.prefix(8)), in: s))
        let (inspecting, effects) = mouse(.doubleClick, at: p, s)
        #expect(inspecting.drill == .request(target.id))
        #expect(effects == [.loadTrace(target.id)])
    }

    @Test func clickingAHeaderSortsByItAndAgainReverses() throws {
        let s = start()
        let header = try #require(requestsHeader(s))
        let (sorted, _) = mouse(.click, at: header, s)
        #expect(sorted.focus == .requests)
        #expect(sorted.sort[.requests]?.header(in: .requests) == "latency")
        #expect(sorted.sort[.requests]?.reversed == false)
        let latencies = sorted.rows.requests.map(\.latency)
        #expect(latencies == latencies.sorted(by: >))
        // The header now carries its arrow; it is still the latency column.
        let again = try #require(requestsHeader(sorted))
        let (reversed, _) = mouse(.click, at: again, sorted)
        #expect(reversed.sort[.requests] == SortOrder(column: 3, reversed: true))
        #expect(reversed.rows.requests.map(\.latency) == latencies.sorted())
    }

    @Test func aHeaderThatDoesNotSortSaysWhichDo() throws {
        let s = start()
        let trend = try #require(position(of: "trend", in: s))
        let (after, _) = mouse(.click, at: trend, s)
        #expect(after.sort.isEmpty)
        #expect(after.focus == .latency)
        #expect(after.statusMessage == "Latency sorts by model, p50, p95, p99, req/s")
    }

    @Test func theWheelScrollsThePaneUnderThePointer() throws {
        let s = start()
        let latency = try #require(position(of: "trend", in: s))
        let (down, _) = mouse(.wheelDown, at: (latency.x, latency.y + 1), s)
        #expect(down.focus == .latency)
        #expect(down.selected(.latency) == min(Reducer.wheelStep, s.rows.models.count - 1))
        let (up, _) = mouse(.wheelUp, at: (latency.x, latency.y + 1), down)
        #expect(up.selected(.latency) == 0)

        let header = try #require(requestsHeader(s))
        let (requests, _) = mouse(.wheelDown, at: (header.0, header.1 + 2), s)
        #expect(requests.focus == .requests && requests.selected(.requests) == Reducer.wheelStep)
        #expect(!requests.followRequests)
    }

    @Test func theWheelScrollsHelpAndDetailViews() {
        var s = DashboardState(width: 80, height: 18, snapshot: Fixture.snapshot)
        s = press([.char("?")], s).0
        s = mouse(.wheelDown, at: (40, 9), s).0
        #expect(s.helpScroll == Reducer.wheelStep)
        s = press([.esc, .enter], s).0
        #expect(s.drill == .provider(s.rows.providers[0].name))
        s = mouse(.wheelDown, at: (40, 9), s).0
        #expect(s.drillSelection == min(Reducer.wheelStep, PaneRows.drillCount(s.drill ?? .routing, in: s.snapshot) - 1))
    }

    @Test func clicksOutsideAnyRowAndWhileTypingChangeNothing() throws {
        let s = start()
        // The header line of the screen is no pane.
        let (onHeader, _) = mouse(.click, at: (5, 0), s)
        #expect(onHeader.focus == s.focus && Pane.allCases.map(onHeader.selected) == Pane.allCases.map(s.selected))
        let azure = try #require(position(of: "azure", in: s))
        for typing in [press([.char(":")], s).0, press([.char("/")], s).0, press([.char("d")], s).0] {
            let (after, effects) = mouse(.click, at: azure, typing)
            #expect(effects.isEmpty)
            #expect(after.focus == typing.focus && Pane.allCases.map(after.selected) == Pane.allCases.map(typing.selected))
        }
    }
}

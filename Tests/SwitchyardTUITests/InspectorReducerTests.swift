import SwitchyardCore
import Testing
@testable import SwitchyardTUI

@Suite struct InspectorReducerTests: ReducerDriving {
    func start(_ snapshot: GatewaySnapshot = TraceFixture.snapshot) -> DashboardState {
        var s = DashboardState(width: 120, height: 40, snapshot: snapshot)
        s.focus = .requests
        return s
    }

    func listed(_ s: DashboardState) -> [String] { PaneRows(s.snapshot, filter: s.activeFilter).requests.map(\.id) }

    func selectedID(_ s: DashboardState) -> String? {
        let ids = listed(s)
        return ids.indices.contains(s.selected(.requests)) ? ids[s.selected(.requests)] : nil
    }

    /// `base` with `count` newer requests finished after its newest.
    func newer(_ base: GatewaySnapshot, _ count: Int, tag: String = "n") -> GatewaySnapshot {
        var next = base
        let last = base.requests.last.map { $0.time + $0.latency } ?? Fixture.t0
        for i in 0..<count {
            var r = Fixture.requests[i % Fixture.requests.count]
            r.id = "req_\(tag)\(i)"
            r.time = last + Double(i + 1)
            next.requests.append(r)
        }
        next.time = last + Double(count + 1)
        return next
    }

    func snap(_ s: DashboardState, _ snapshot: GatewaySnapshot) -> DashboardState {
        Reducer.reduce(s, .snapshot(snapshot)).0
    }

    @Test func followingKeepsTheNewestSelected() {
        var s = start()
        #expect(s.followRequests)
        s = snap(s, newer(TraceFixture.snapshot, 3))
        #expect(s.followRequests)
        #expect(s.selected(.requests) == 0)
        #expect(selectedID(s) == "req_n2")
        let title = Renderer.render(s, glyphs: .unicode).textDump()
        #expect(title.contains("6 Requests ▶ follow"))
    }

    @Test func movingPausesAndKeepsTheRequestByID() throws {
        var (s, effects) = press([.char("j"), .char("j")], start())
        #expect(effects.isEmpty)
        #expect(!s.followRequests)
        let pinned = try #require(selectedID(s))
        #expect(pinned == listed(start())[2])
        #expect(s.pinnedRequestID == pinned)
        // New requests arrive above: the same request stays selected, two rows further down.
        s = snap(s, newer(TraceFixture.snapshot, 2))
        #expect(selectedID(s) == pinned)
        #expect(s.selected(.requests) == 4)
        #expect(Renderer.render(s, glyphs: .unicode).textDump().contains("6 Requests ⏸ 2 new"))
        // And more, across a snapshot that drops the oldest requests from the ring.
        var trimmed = newer(newer(TraceFixture.snapshot, 2), 3, tag: "m")
        trimmed.requests.removeFirst(2)
        s = snap(s, trimmed)
        #expect(selectedID(s) == pinned)
        #expect(Renderer.render(s, glyphs: .unicode).textDump().contains("6 Requests ⏸ 5 new"))
    }

    /// The ring keeps only the newest requests; a request the operator holds stays listed (last) and selected after
    /// the ring has moved past it, and Esc from its trace comes back to it.
    @Test func aSelectedRequestOutlivesTheRing() throws {
        var (s, _) = press([.char("j"), .char("j")], start())
        let pinned = try #require(selectedID(s))
        func gone(_ snapshot: GatewaySnapshot) -> GatewaySnapshot {
            var next = snapshot
            next.requests.removeAll { $0.id == pinned }
            return next
        }
        s = snap(s, gone(newer(TraceFixture.snapshot, 3)))
        let rows = s.rows.requests.map(\.id)
        #expect(rows.last == pinned)
        #expect(rows.indices.contains(s.selected(.requests)) && rows[s.selected(.requests)] == pinned)

        (s, _) = press([.enter], s)
        #expect(s.drill == .request(pinned))
        #expect(!Renderer.render(s, glyphs: .unicode).textDump().contains("has left the recent window"))
        s = snap(s, gone(newer(newer(TraceFixture.snapshot, 3), 4, tag: "m")))
        (s, _) = press([.esc], s)
        #expect(s.drill == nil)
        let back = s.rows.requests.map(\.id)
        #expect(back.indices.contains(s.selected(.requests)) && back[s.selected(.requests)] == pinned)

        // Following again lets it go.
        (s, _) = press([.char("f")], s)
        #expect(s.keptRequest == nil && !s.rows.requests.contains { $0.id == pinned })
    }

    @Test func movingUpAtTheTopAlsoPauses() {
        var (s, _) = press([.char("k")], start())
        #expect(!s.followRequests)
        #expect(selectedID(s) == TraceFixture.id)
        s = snap(s, newer(TraceFixture.snapshot, 1))
        #expect(selectedID(s) == TraceFixture.id)
        #expect(s.selected(.requests) == 1)
        #expect(Renderer.render(s, glyphs: .unicode).textDump().contains("⏸ 1 new"))
    }

    @Test(arguments: [Key.char("f"), Key.char("G"), Key.end])
    func resumeFollowing(key: Key) {
        var (s, _) = press([.down, .down, .down], start())
        s = snap(s, newer(TraceFixture.snapshot, 2))
        #expect(s.selected(.requests) == 5)
        (s, _) = press([key], s)
        #expect(s.followRequests)
        #expect(s.pinnedRequestID == nil)
        #expect(selectedID(s) == "req_n1")
        s = snap(s, newer(newer(TraceFixture.snapshot, 2), 1, tag: "x"))
        #expect(selectedID(s) == "req_x0")
    }

    @Test func homeGoesToTheOldestAndPauses() {
        let (s, _) = press([.char("g")], start())
        #expect(!s.followRequests)
        #expect(selectedID(s) == TraceFixture.snapshot.requests.first?.id)
    }

    @Test func fStillFailsOverInsideAProvider() {
        var s = start()
        s.focus = .providers
        let (asked, _) = press([.enter, .char("f")], s)
        #expect(asked.overlay == .confirm(.failover(model: "gpt-4o", from: "gpt-4o/openai")))
    }

    @Test func aNewFilterFollowsItsNewestMatch() {
        var (s, _) = press([.down, .down], start())
        #expect(!s.followRequests)
        (s, _) = press([.char("/")] + chars("status>=500") + [.enter], s)
        #expect(s.followRequests)
        #expect(selectedID(s) == listed(s).first)
    }

    @Test func enterAsksForTheTraceAndShowsAttemptsMeanwhile() {
        let (s, effects) = press([.enter], start())
        #expect(effects == [.loadTrace(TraceFixture.id)])
        #expect(s.drill == .request(TraceFixture.id))
        #expect(s.inspector == TraceInspector(requestID: TraceFixture.id, load: .loading))
        // The list pauses on the opened request, so Esc comes back to it.
        #expect(!s.followRequests && s.pinnedRequestID == TraceFixture.id)
        let text = Renderer.render(s, glyphs: .unicode).textDump()
        #expect(text.contains("loading trace…"))
        #expect(text.contains("gpt-4o/azure"))
    }

    @Test func traceLoadedOpensOnTheFailedAttempt() throws {
        var (s, _) = press([.enter], start())
        (s, _) = Reducer.reduce(s, .traceLoaded(TraceFixture.id, TraceFixture.trace))
        #expect(s.inspector?.trace == TraceFixture.trace)
        let span = try #require(TraceFixture.spans.indices.contains(s.drillSelection) ? TraceFixture.spans[s.drillSelection] : nil)
        #expect(span.name == .attempt && span.status == .error)
        // j/k select spans, bounded.
        (s, _) = press(Array(repeating: .char("j"), count: 20), s)
        #expect(s.drillSelection == TraceFixture.spans.count - 1)
        (s, _) = press([.char("g"), .char("k")], s)
        #expect(s.drillSelection == 0)
    }

    @Test func aLateAnswerForAnotherRequestIsIgnored() {
        var (s, _) = press([.enter], start())
        var other = TraceFixture.trace
        other.record.id = "req_other"
        (s, _) = Reducer.reduce(s, .traceLoaded("req_other", other))
        #expect(s.inspector?.load == .loading)
        // Nor does one arriving after Esc reopen anything.
        (s, _) = press([.esc], s)
        (s, _) = Reducer.reduce(s, .traceLoaded(TraceFixture.id, TraceFixture.trace))
        #expect(s.inspector == nil && s.drill == nil)
    }

    @Test func noTraceAndFailureKeepTheAttempts() {
        var (s, _) = press([.enter], start())
        let (missing, _) = Reducer.reduce(s, .traceLoaded(TraceFixture.id, nil))
        #expect(missing.inspector?.load == .missing)
        #expect(Renderer.render(missing, glyphs: .unicode).textDump().contains("no trace"))
        (s, _) = Reducer.reduce(s, .traceFailed(TraceFixture.id, "gateway unreachable"))
        #expect(s.inspector?.load == .failed("gateway unreachable"))
        // The attempts are still selectable.
        (s, _) = press([.down], s)
        #expect(s.drillSelection == 1)
        // After a failure, Enter asks again; without a trace it has nothing to ask.
        let (retry, effects) = press([.enter], s)
        #expect(effects == [.loadTrace(TraceFixture.id)])
        #expect(retry.inspector?.load == .loading)
        #expect(press([.enter], missing).1.isEmpty)
    }

    @Test func detailsShowTimesAndMoneyReadably() {
        #expect(SpanDetail.readable(TraceAttribute("ttft", "0.364046")) == "364ms (0.364046)")
        #expect(SpanDetail.readable(TraceAttribute("cost", "0.000156915")) == "$0.0002 (0.000156915)")
        #expect(SpanDetail.readable(TraceAttribute("tokens.output", "139")) == "139")
        #expect(SpanDetail.readable(TraceAttribute("ttft", "soon")) == "soon")
    }

    @Test func enterZoomsIntoASpanAndScrolls() {
        // A small terminal, so the root span's details (with bodies) scroll.
        var (s, _) = press([.enter], start(width: 60, height: 16))
        (s, _) = Reducer.reduce(s, .traceLoaded(TraceFixture.id, TraceFixture.withBodies))
        (s, _) = press([.char("g"), .enter], s)
        #expect(s.inspector?.zoomed == true)
        #expect(s.drillSelection == 0)
        (s, _) = press([.char("j"), .char("j")], s)
        // Zoomed, j scrolls the details instead of moving the selection.
        #expect(s.drillSelection == 0)
        #expect(s.inspector?.scroll == 2)
        (s, _) = press(Array(repeating: .pageDown, count: 20), s)
        let bottom = s.inspector?.scroll ?? 0
        #expect(bottom > 2)
        (s, _) = press([.pageDown], s)
        #expect(s.inspector?.scroll == bottom)
        // Esc leaves the zoom first, then the request.
        (s, _) = press([.esc], s)
        #expect(s.inspector?.zoomed == false && s.drill == .request(TraceFixture.id))
        (s, _) = press([.esc], s)
        #expect(s.drill == nil && s.inspector == nil)
    }

    @Test func bShowsTheBodies() {
        var s = start(width: 60, height: 16)
        (s, _) = press([.enter], s)
        (s, _) = Reducer.reduce(s, .traceLoaded(TraceFixture.id, TraceFixture.withBodies))
        (s, _) = press([.char("b")], s)
        #expect(s.inspector?.zoomed == true && s.drillSelection == 0)
        #expect((s.inspector?.scroll ?? 0) > 0)
        let text = Renderer.render(s, glyphs: .unicode).textDump()
        #expect(text.contains("request body"))
    }

    func start(width: Int, height: Int) -> DashboardState {
        var s = start()
        s.width = width
        s.height = height
        return s
    }

    @Test func escRestoresTheListSelectionAfterNewRequests() {
        var (s, _) = press([.down, .down, .enter], start())
        let opened = listed(s)[2]
        #expect(s.drill == .request(opened))
        s = snap(s, newer(TraceFixture.snapshot, 4))
        (s, _) = Reducer.reduce(s, .traceLoaded(opened, nil))
        (s, _) = press([.esc], s)
        #expect(s.drill == nil)
        #expect(s.focus == .requests)
        #expect(selectedID(s) == opened)
        #expect(s.selected(.requests) == 6)
        #expect(!s.followRequests)
    }

    @Test func rOnAnAttemptListsItsDeploymentsRequests() {
        var (s, _) = press([.enter], start())
        (s, _) = Reducer.reduce(s, .traceLoaded(TraceFixture.id, TraceFixture.trace))
        // The failed attempt on gpt-4o/azure is selected.
        (s, _) = press([.char("r")], s)
        #expect(s.drill == nil && s.inspector == nil)
        #expect(s.focus == .requests && s.followRequests)
        #expect(s.filter == "deployment=gpt-4o/azure")
        // A span without a deployment only hints.
        (s, _) = press([.enter], start())
        (s, _) = Reducer.reduce(s, .traceLoaded(TraceFixture.id, TraceFixture.trace))
        (s, _) = press([.char("g"), .char("j"), .char("r")], s)
        #expect(s.drill == .request(TraceFixture.id))
        #expect(s.statusMessage?.hasPrefix("r: select") == true)
    }

    @Test func jumpFromAFallbackEventFollowsItsRequests() {
        var s = start()
        s.focus = .events
        // The newest event is a fallback naming req_9b44 (in flight in the fixture): the list filters to it.
        let (jumped, _) = press([.char("r")], s)
        #expect(jumped.focus == .requests)
        #expect(jumped.filter == "id=req_9b44")
        #expect(jumped.followRequests)
    }
}

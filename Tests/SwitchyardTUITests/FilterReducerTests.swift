import SwitchyardCore
import Testing
@testable import SwitchyardTUI

@Suite struct FilterReducerTests: ReducerDriving {
    func requestIDs(_ s: DashboardState) -> [String] {
        PaneRows(s.snapshot, filter: s.activeFilter).requests.map(\.id)
    }

    /// Fixture requests matching `predicate`, newest first (the pane's order).
    func expected(_ predicate: (RequestRecord) -> Bool) -> [String] {
        Fixture.requests.reversed().filter(predicate).map(\.id)
    }

    @Test func filterAppliesAsTyped() {
        let (s, _) = press([.char("/")] + chars("provider=azure"), start())
        #expect(s.editingFilter)
        #expect(s.filterError == nil)
        #expect(s.activeFilter.description == "provider=azure")
        let azure = expected { r in r.servedBy?.hasSuffix("/azure") == true || r.attempts.contains { $0.deployment.hasSuffix("/azure") } }
        #expect(azure.count == 2)
        #expect(requestIDs(s) == azure)
        // Field terms leave the other panes alone.
        #expect(PaneRows(s.snapshot, filter: s.activeFilter).providers.count == Fixture.providers.count)
    }

    @Test func invalidThenValidKeepsTheLastValidFilter() {
        var (s, _) = press([.char("/")] + chars("provider=azure stauts>"), start())
        let error = s.filterError
        #expect(error?.kind == .unknownField("stauts", suggestion: "status"))
        #expect(error?.message == "unknown field 'stauts' at 16 (did you mean 'status'?)")
        // The last valid filter stays applied, without the half-typed word that became the bad term.
        #expect(s.activeFilter.description == "provider=azure")
        #expect(requestIDs(s).count == 2)
        // Enter does not leave with a bad expression.
        (s, _) = press([.enter], s)
        #expect(s.editingFilter)
        // Fixing the field name applies the whole expression.
        for _ in 0..<"stauts>".count { (s, _) = press([.backspace], s) }
        (s, _) = press(chars("status>=500"), s)
        #expect(s.filterError == nil)
        #expect(s.activeFilter.description == "provider=azure status>=500")
        #expect(requestIDs(s).isEmpty)
        (s, _) = press([.backspace, .backspace, .backspace] + chars("200") + [.enter], s)
        #expect(!s.editingFilter)
        #expect(s.filter == "provider=azure status>=200")
        #expect(requestIDs(s).count == 2)
    }

    @Test func badValueKeepsTheWholePreviousFilter() {
        let (s, _) = press([.char("/")] + chars("model=gpt-4o slow>1x"), start())
        #expect(s.filterError?.kind == .badDuration(field: "latency", value: "1x"))
        #expect(s.filterError?.position == 19)
        // "slow>1" was valid one key earlier and stays applied.
        #expect(s.activeFilter.description == "model=gpt-4o latency>1s")
        #expect(requestIDs(s) == expected { $0.model == "gpt-4o" && $0.latency > 1 })
    }

    @Test func escClearsAnInvalidFilterAndItsError() {
        var (s, _) = press([.char("/")] + chars("tries>") + [.esc], start())
        #expect(!s.editingFilter)
        #expect(s.filter.isEmpty && s.filterError == nil && s.activeFilter.isEmpty)
        (s, _) = press([.char("/")] + chars("fallback") + [.enter], start())
        #expect(requestIDs(s) == expected(\.fellBack))
        (s, _) = press([.char("6"), .esc], s)
        #expect(s.activeFilter.isEmpty)
        #expect(s.statusMessage == "filter cleared")
    }

    @Test func bareWordsStillFilterOtherPanes() {
        let (s, _) = press([.char("/")] + chars("gro status>=500") + [.enter], start())
        let rows = PaneRows(s.snapshot, filter: s.activeFilter)
        #expect(rows.providers.map(\.name) == ["groq"])
        #expect(rows.requests.isEmpty)
    }

    @Test func jumpFromProviderRow() {
        // Row 1 is azure.
        let (s, effects) = press([.down, .char("r")], start())
        #expect(effects.isEmpty)
        #expect(s.focus == .requests)
        #expect(s.filter == "provider=azure")
        #expect(s.statusMessage == "requests where provider=azure")
        #expect(requestIDs(s).count == 2)
        // Esc in Requests clears it again.
        let (cleared, _) = press([.esc], s)
        #expect(cleared.activeFilter.isEmpty)
    }

    @Test func jumpFromDeploymentInProviderDetail() {
        let (s, _) = press([.enter, .char("r")], start())
        #expect(s.filter == "deployment=gpt-4o/openai")
        #expect(s.drill == nil && s.focus == .requests)
        #expect(requestIDs(s) == expected { r in r.servedBy == "gpt-4o/openai" || r.attempts.contains { $0.deployment == "gpt-4o/openai" } })
    }

    @Test func jumpFromModelRow() {
        let (s, _) = press([.char("2"), .down, .char("r")], start())
        #expect(s.filter == "model=\(Fixture.models[1].name)")
        #expect(requestIDs(s) == expected { $0.model == Fixture.models[1].name })
    }

    @Test func jumpFromErrorClassRow() {
        let (s, _) = press([.char("3"), .char("r")], start())
        #expect(s.filter == "class=429")
        // A request that met a 429 on any attempt, or was refused with one.
        let hit = expected { r in r.attempts.contains { $0.errorClass == .rateLimited } || (r.attempts.isEmpty && r.status == 429) }
        #expect(hit.count == 2)
        #expect(requestIDs(s) == hit)
        let (timeouts, _) = press([.char("3"), .down, .down, .char("r")], start())
        #expect(timeouts.filter == "class=timeout")
    }

    @Test func jumpFromFallbackEvents() {
        var snap = Fixture.snapshot
        let target = Fixture.requests[9]
        snap.events.append(GatewayEvent(sequence: 11, time: Fixture.t0 - 1, kind: .fallback, model: "gpt-4o",
                                        from: "gpt-4o/azure", to: "gpt-4o/openai", reason: "429", requestID: target.id))
        let (byID, _) = press([.char("4"), .char("r")], start(snap))
        #expect(byID.filter == "id=\(target.id)")
        #expect(requestIDs(byID) == [target.id])
        // An event names a request that may still be in flight: the empty pane says so.
        var inFlight = snap
        inFlight.requests.removeAll { $0.id == target.id }
        let (waiting, _) = press([.char("4"), .char("r")], start(inFlight))
        #expect(requestIDs(waiting).isEmpty)
        let text = Renderer.render(waiting, glyphs: .unicode).textDump()
        #expect(text.contains("no finished request with that id"))

        snap.events.append(GatewayEvent(sequence: 12, time: Fixture.t0, kind: .fallback, model: "llama-70b",
                                        from: "llama-70b/groq", to: "llama-70b/together", reason: "503"))
        let (byModel, _) = press([.char("4"), .char("r")], start(snap))
        #expect(byModel.filter == "model=llama-70b fallback")
        #expect(requestIDs(byModel) == expected { $0.model == "llama-70b" && $0.fellBack })
        #expect(requestIDs(byModel).count == 1)
    }

    @Test func jumpFromOtherEventsUsesTheirDeployment() {
        // Newest first: fallback (seq 10), fallback (9), fallback (8), fallback (7), cooldown of gpt-4o/azure (6).
        let (s, _) = press([.char("4")] + Array(repeating: .down, count: 4) + [.char("r")], start())
        #expect(s.filter == "deployment=gpt-4o/azure")
    }

    @Test func jumpFromBudgetAndTeamRows() throws {
        let rows = PaneRows(Fixture.snapshot, filter: "").budgets
        let teamRow = try #require(rows.firstIndex { $0.scope == .team("team-a") })
        let (team, _) = press([.char("5")] + Array(repeating: .down, count: teamRow) + [.char("r")], start())
        #expect(team.filter == "team=team-a")
        #expect(requestIDs(team) == expected { $0.team == "team-a" })
        // Global budget: nothing to jump to, only a hint; the focus stays.
        let (global, _) = press([.char("5"), .char("r")], start())
        #expect(global.focus == .budget)
        #expect(global.activeFilter.isEmpty)
        #expect(global.statusMessage?.hasPrefix("r: select") == true)
        // Inside a team, the selected key.
        var s = start()
        s.focus = .budget
        s.drillStack = [.team("team-a")]
        s.drillSelection = 0
        let (key, _) = press([.char("r")], s)
        #expect(key.filter == "key=\(TeamKey.keys(of: "team-a", in: Fixture.snapshot)[0].name)")
    }

    @Test func jumpInRequestsOnlyHints() {
        let (s, _) = press([.char("6"), .char("r")], start())
        #expect(s.activeFilter.isEmpty)
        #expect(s.statusMessage?.hasPrefix("r: select") == true)
    }

    @Test func jumpReplacesAnEarlierFilter() {
        var (s, _) = press([.char("/")] + chars("fallback") + [.enter], start())
        (s, _) = press([.char("1"), .char("r")], s)
        #expect(s.filter == "provider=openai")
    }
}

import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// Enter on a Latency, Errors or Fallbacks row lists that row's requests; Esc comes back to where it was.
@Suite struct EnterOpensRequestsTests: ReducerDriving {
    struct Case: Sendable, CustomStringConvertible {
        let keys: [Key]
        let pane: Pane
        let filter: String
        let message: String
        var description: String { filter }
    }

    static let cases: [Case] = [
        Case(keys: [.char("2"), .enter], pane: .latency, filter: "model=gpt-4o",
             message: "requests for gpt-4o — Esc clears"),
        Case(keys: [.char("2"), .down, .enter], pane: .latency, filter: "model=gpt-4o-mini",
             message: "requests for gpt-4o-mini — Esc clears"),
        Case(keys: [.char("3"), .enter], pane: .errors, filter: "class=429",
             message: "requests that failed with 429 — Esc clears"),
        Case(keys: [.char("3"), .down, .down, .enter], pane: .errors, filter: "class=timeout",
             message: "requests that failed with timeout — Esc clears"),
        // Newest first: the fallback of request req_9b44 is on top.
        Case(keys: [.char("4"), .enter], pane: .events, filter: "id=req_9b44",
             message: "request req_9b44 — Esc clears"),
        // The cooldown of gpt-4o/azure, fifth from the top.
        Case(keys: [.char("4"), .down, .down, .down, .down, .enter], pane: .events, filter: "deployment=gpt-4o/azure",
             message: "requests to gpt-4o/azure — Esc clears"),
    ]

    @Test(arguments: cases) func enterFiltersRequests(_ c: Case) {
        let (s, effects) = press(c.keys, start())
        #expect(effects.isEmpty)
        #expect(s.focus == .requests)
        #expect(s.filter == c.filter)
        #expect(s.filterError == nil)
        #expect(s.statusMessage == c.message)
        #expect(s.followRequests)
        let listed = PaneRows(s.snapshot, filter: s.activeFilter).requests
        #expect(listed.allSatisfy(s.activeFilter.matches))

        // Esc puts back the pane, its selection and no filter.
        let (back, _) = press([.esc], s)
        #expect(back.focus == c.pane)
        #expect(back.filter.isEmpty)
        #expect(back.jumpOrigin == nil)
        #expect(back.selected(c.pane) == press(Array(c.keys.dropLast()), start()).0.selected(c.pane))
    }

    @Test func fallbackWithoutRequestIDFiltersItsModelsFallbacks() {
        var snap = Fixture.snapshot
        snap.events.append(GatewayEvent(sequence: 11, time: Fixture.t0, kind: .fallback, model: "llama-70b",
                                        from: "llama-70b/groq", to: "llama-70b/together", reason: "503"))
        let (s, _) = press([.char("4"), .enter], start(snap))
        #expect(s.filter == "model=llama-70b fallback")
        #expect(s.statusMessage == "fallbacks of llama-70b — Esc clears")
        #expect(PaneRows(s.snapshot, filter: s.activeFilter).requests.allSatisfy { $0.model == "llama-70b" && $0.fellBack })
    }

    @Test func escRestoresTheFilterFromBefore() {
        let (filtered, _) = press([.char("/")] + chars("stream") + [.enter, .char("2"), .enter], start())
        #expect(filtered.filter == "model=gpt-4o")
        #expect(filtered.statusMessage == "requests for gpt-4o — Esc restores stream")
        let (back, _) = press([.esc], filtered)
        #expect(back.filter == "stream")
        #expect(back.focus == .latency)
        // A second Esc clears the filter as usual.
        let (cleared, _) = press([.esc], back)
        #expect(cleared.filter.isEmpty)
        #expect(cleared.focus == .latency)
    }

    @Test func aFilterChangedAfterTheJumpIsOnlyCleared() {
        let (jumped, _) = press([.char("2"), .enter], start())
        let (edited, _) = press([.char("/")] + chars(" stream") + [.enter], jumped)
        #expect(edited.filter == "model=gpt-4o stream")
        let (cleared, _) = press([.esc], edited)
        #expect(cleared.filter.isEmpty)
        #expect(cleared.focus == .requests)
        #expect(cleared.jumpOrigin == nil)
    }

    @Test func enterStillDrillsIntoProvidersAndBudget() {
        let (provider, _) = press([.enter], start())
        #expect(provider.drill == .provider(Fixture.snapshot.providers[0].name))
        #expect(provider.jumpOrigin == nil)
        #expect(provider.filter.isEmpty)
    }
}

import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// `y` copies the id or name the view is about, as an effect the terminal turns into OSC 52.
@Suite struct CopyTests: ReducerDriving {
    @Test func copiesTheSelectedRequestID() {
        let (s, effects) = press([.char("6"), .char("j"), .char("y")], start())
        let id = s.rows.requests[1].id
        #expect(effects == [.copy(id)])
        #expect(s.statusMessage == "copied \(id) to the clipboard")
    }

    @Test func copiesTheTraceIDOnceTheTraceIsHere() {
        var s = DashboardState(width: 120, height: 40, snapshot: TraceFixture.snapshot)
        s = press([.char("6"), .enter], s).0
        #expect(press([.char("y")], s).1 == [.copy(TraceFixture.id)])
        s = Reducer.reduce(s, .traceLoaded(TraceFixture.id, TraceFixture.trace)).0
        #expect(press([.char("y")], s).1 == [.copy(TraceFixture.trace.traceID)])
    }

    @Test func copiesTheKeyOfATeamOrBudgetRow() {
        var s = start()
        s.focus = .budget
        s.drillStack = [.team("team-a")]
        s.drillSelection = 1
        let key = TeamKey.keys(of: "team-a", in: s.snapshot)[1].name
        #expect(press([.char("y")], s).1 == [.copy(key)])
        s.drillStack = []
        s.selection[.budget] = s.rows.budgets.firstIndex { if case .key = $0.scope { true } else { false } } ?? 0
        guard case .key(let budgetKey) = s.rows.budgets[s.selected(.budget)].scope else {
            Issue.record("no key budget in the fixture")
            return
        }
        #expect(press([.char("y")], s).1 == [.copy(budgetKey)])
    }

    @Test func nothingToCopySaysWhatCanBe() {
        let (s, effects) = press([.char("y")], start())
        #expect(effects.isEmpty)
        #expect(s.statusMessage == "y copies a request id (Requests, trace) or a key name (Budget, team keys)")
    }

    @Test func osc52Sequence() {
        #expect(Clipboard.osc52("req_7f25") == "\u{1B}]52;c;cmVxXzdmMjU=\u{07}")
    }
}

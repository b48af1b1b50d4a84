import SwitchyardCore
import Testing
@testable import SwitchyardTUI

@Suite struct ReducerTests: ReducerDriving {
    @Test func disableProviderAsksThenSends() {
        // Row 1 is azure, enabled.
        let (asked, none) = press([.down, .char("d")], start())
        #expect(none.isEmpty)
        #expect(asked.overlay == .confirm(.disableProvider("azure")))
        let (done, effects) = press([.char("y")], asked)
        #expect(effects == [.send(.disableProvider("azure"))])
        #expect(done.overlay == .none)
    }

    @Test func disabledProviderIsEnabled() {
        var snap = Fixture.snapshot
        snap.providers[0].enabled = false
        let (_, effects) = press([.char("d"), .char("y")], start(snap))
        #expect(effects == [.send(.enableProvider("openai"))])
    }

    @Test func declineSendsNothing() {
        let (s, effects) = press([.char("d"), .char("n")], start())
        #expect(effects.isEmpty)
        #expect(s.overlay == .none)
        let (s2, effects2) = press([.char("d"), .esc], start())
        #expect(effects2.isEmpty)
        #expect(s2.overlay == .none)
    }

    @Test func plusAndMinusAskAsWeightDoesThenSend() {
        // openai → Enter → gpt-4o/openai (weight 3) → + → asks for 4, y sends it.
        var (s, effects) = press([.enter, .char("+")], start())
        let raise = ControlCommand.setWeight(deployment: "gpt-4o/openai", weight: 4)
        #expect(s.drill == .provider("openai"))
        #expect(effects.isEmpty && s.overlay == .confirm(raise))
        (s, effects) = press([.char("y")], s)
        #expect(s.overlay == .none && effects == [.send(raise)])
        // The same question `:weight` asks for the same change.
        let typed = press([.char(":")] + chars("weight gpt-4o/openai 4") + [.enter], start()).0
        #expect(typed.overlay == .confirm(raise))

        // - to 0 takes the deployment out of rotation: n leaves it as it was.
        (s, effects) = press([.enter, .down, .char("-")], start())
        let lower = ControlCommand.setWeight(deployment: "gpt-4o-mini/openai", weight: 0)
        #expect(effects.isEmpty && s.overlay == .confirm(lower))
        (s, effects) = press([.char("n")], s)
        #expect(effects.isEmpty && s.overlay == .none)
        #expect(s.statusMessage == "cancelled: set weight of gpt-4o-mini/openai to 0")
        // At 0 already, - only says so.
        (s, effects) = press([.enter, .down, .char("-"), .char("y")], start())
        var zero = Fixture.snapshot
        if let i = zero.deployments.firstIndex(where: { $0.id == "gpt-4o-mini/openai" }) { zero.deployments[i].weight = 0 }
        s = Reducer.reduce(s, .snapshot(zero)).0
        (s, effects) = press([.char("-")], s)
        #expect(effects.isEmpty && s.overlay == .none)
        #expect(s.statusMessage == "weight of gpt-4o-mini/openai is already 0")
    }

    @Test func plusOnProviderRowOnlyHints() {
        let (s, effects) = press([.char("+")], start())
        #expect(effects.isEmpty)
        #expect(s.statusMessage?.contains("Enter") == true)
    }

    @Test func disableDeploymentInsideDrill() {
        let (s, effects) = press([.down, .down, .down, .down, .enter, .down, .char("d"), .char("y")], start())
        #expect(s.drill == .provider("together"))
        #expect(effects == [.send(.enableDeployment("mixtral/together"))])
    }

    @Test func failoverAsksFirst() {
        let (asked, none) = press([.down, .enter, .char("f")], start())
        #expect(none.isEmpty)
        #expect(asked.overlay == .confirm(.failover(model: "gpt-4o", from: "gpt-4o/azure")))
        let (_, effects) = press([.char("y")], asked)
        #expect(effects == [.send(.failover(model: "gpt-4o", from: "gpt-4o/azure"))])
    }

    @Test func undoOnlyWhenSomethingToUndo() {
        #expect(press([.char("u")], start()).1 == [.send(.undo)])
        var snap = Fixture.snapshot
        snap.canUndo = false
        #expect(press([.char("u")], start(snap)).1.isEmpty)
    }

    @Test func tabAndDigitsFocusPanes() {
        var (s, _) = press([.tab], start())
        #expect(s.focus == .latency)
        (s, _) = press([.backTab, .backTab], s)
        #expect(s.focus == .requests)
        for (digit, pane) in zip("123456", Pane.allCases) {
            (s, _) = press([.char(digit)], s)
            #expect(s.focus == pane)
        }
    }

    @Test func enterAndEscDrill() {
        var (s, _) = press([.char("6"), .down, .enter], start())
        let newestButOne = Fixture.requests[Fixture.requests.count - 2].id
        #expect(s.drill == .request(newestButOne))
        (s, _) = press([.esc], s)
        #expect(s.drill == nil)
        #expect(s.focus == .requests)
        (s, _) = press([.char("3"), .enter], s)
        #expect(s.drill == nil)
    }

    @Test func selectionStaysInRange() {
        let (s, _) = press(Array(repeating: .down, count: 20), start())
        #expect(s.selected(.providers) == Fixture.providers.count - 1)
        let (top, _) = press([.up, .up], start())
        #expect(top.selected(.providers) == 0)
    }

    @Test func filterTyping() {
        var (s, _) = press([.char("/")] + chars("gro"), start())
        #expect(s.editingFilter)
        #expect(s.filter == "gro")
        (s, _) = press([.backspace, .char("o"), .enter], s)
        #expect(!s.editingFilter)
        #expect(s.filter == "gro")
        #expect(PaneRows(s.snapshot, filter: s.filter).providers.map(\.name) == ["groq"])
        // While typing, q is text, not quit.
        let (typing, effects) = press([.char("/"), .char("q")], start())
        #expect(effects.isEmpty)
        #expect(typing.filter == "q")
        (s, _) = press([.esc], s)
        #expect(s.filter.isEmpty)
        let (cancelled, _) = press([.char("/")] + chars("x") + [.esc], start())
        #expect(cancelled.filter.isEmpty && !cancelled.editingFilter)
    }

    @Test func pauseHoldsSnapshots() {
        var later = Fixture.snapshot
        later.time += 5
        var (s, _) = press([.char(" ")], start())
        #expect(s.paused)
        (s, _) = Reducer.reduce(s, .snapshot(later))
        #expect(s.snapshot?.time == Fixture.t0)
        #expect(s.heldSnapshot?.time == Fixture.t0 + 5)
        (s, _) = press([.char(" ")], s)
        #expect(!s.paused)
        #expect(s.snapshot?.time == Fixture.t0 + 5)
        #expect(s.heldSnapshot == nil)
    }

    @Test func helpOverlayOpensAndCloses() {
        var (s, _) = press([.char("?")], start())
        #expect(s.overlay == .help)
        // Keys do not leak through the overlay.
        let (still, effects) = press([.char("d")], s)
        #expect(still.overlay == .help && effects.isEmpty)
        (s, _) = press([.esc], s)
        #expect(s.overlay == .none)
    }

    @Test func quitAtOnceOrAfterConfirm() {
        #expect(press([.char("q")], start()).1 == [.quit])
        var serve = start()
        serve.confirmQuit = true
        let (asked, none) = press([.char("q")], serve)
        #expect(none.isEmpty && asked.overlay == .confirmQuit)
        #expect(press([.char("y")], asked).1 == [.quit])
        #expect(press([.char("n")], asked).1.isEmpty)
    }

    @Test func themeCycles() {
        let count = ThemeCatalog.builtinNames.count
        let (s, effects) = press(Array(repeating: .char("t"), count: count + 1), start())
        #expect(s.themeIndex == 1)
        #expect(effects.last == .setTheme(1))
        #expect(effects.count == count + 1)
    }

    @Test func commandResultAndFeedErrorReachStatusLine() {
        var (s, _) = Reducer.reduce(start(), .commandResult(CommandResult(ok: false, message: "unknown deployment x")))
        #expect(s.statusMessage == "unknown deployment x" && s.statusIsError)
        (s, _) = Reducer.reduce(s, .feedError("socket closed"))
        #expect(s.statusMessage == "feed error: socket closed")
        let grid = Renderer.render(s, glyphs: .unicode)
        #expect(grid.textDump().contains("feed error: socket closed"))
    }

    @Test func resizeChangesLayoutSize() {
        let (s, _) = Reducer.reduce(start(), .resize(width: 200, height: 60))
        #expect(s.width == 200 && s.height == 60)
        let grid = Renderer.render(s, glyphs: .unicode)
        #expect(grid.width == 200 && grid.height == 60)
    }

    @Test func requestSelectionStaysOnItsRequestAsNewOnesArrive() {
        var (s, _) = press([.char("6"), .down, .down], start())
        let selectedID = PaneRows(s.snapshot, filter: "").requests[2].id
        var next = Fixture.snapshot
        var newer = Fixture.requests[0]
        newer.id = "req_new"
        newer.time = Fixture.t0 + 1
        next.requests.append(newer)
        (s, _) = Reducer.reduce(s, .snapshot(next))
        #expect(s.selected(.requests) == 3)
        #expect(PaneRows(s.snapshot, filter: "").requests[3].id == selectedID)
        // At the top, the selection follows the newest request.
        var (top, _) = press([.char("6")], start())
        (top, _) = Reducer.reduce(top, .snapshot(next))
        #expect(top.selected(.requests) == 0)
    }
}

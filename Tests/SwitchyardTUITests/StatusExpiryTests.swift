import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// A status message shows for five seconds, then the key hints return; a newer message restarts the clock.
@Suite struct StatusExpiryTests: ReducerDriving {
    func tick(_ state: DashboardState, _ seconds: Double) -> DashboardState {
        Reducer.reduce(state, .tick(seconds)).0
    }

    @Test func aMessageGivesWayToTheHintsAfterFiveSeconds() {
        var s = tick(start(), 100)
        s = press([.char("t")], s).0  // theme: …
        let message = s.statusMessage
        #expect(message?.hasPrefix("theme:") == true)
        #expect(s.statusShownAt == 100)
        s = tick(s, 104.9)
        #expect(s.statusMessage == message)
        s = tick(s, 105)
        #expect(s.statusMessage == nil && !s.statusIsError)
    }

    @Test func aNewMessageRestartsTheClockAndErrorsExpireToo() {
        var s = tick(start(), 10)
        s = Reducer.reduce(s, .commandResult(CommandResult(ok: false, message: "unknown deployment x"))).0
        #expect(s.statusIsError)
        s = tick(s, 14)
        s = Reducer.reduce(s, .feedError("socket closed")).0
        #expect(s.statusShownAt == 14)
        s = tick(s, 18.5)
        #expect(s.statusMessage == "feed error: socket closed")
        s = tick(s, 19)
        #expect(s.statusMessage == nil && !s.statusIsError)
    }

    /// Under NO_COLOR, `t` cannot change what the screen shows, so it says why rather than naming a theme.
    @Test func themeKeyUnderNoColorSaysWhyNothingChanges() {
        var s = start()
        s.noColor = true
        let (after, effects) = press([.char("t")], s)
        #expect(effects.isEmpty)
        #expect(after.themeIndex == s.themeIndex)
        #expect(after.statusMessage == "NO_COLOR is set: the screen stays monochrome (unset it to switch themes)")
    }
}

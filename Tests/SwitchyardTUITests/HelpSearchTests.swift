import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// `/` in the help overlay narrows the keys to those whose key or description contains the text.
@Suite struct HelpSearchTests: ReducerDriving {
    func help() -> DashboardState { press([.char("?")], start()).0 }

    @Test(arguments: [
        ("theme", [":", "", "space  t"]),
        ("ZOOM", ["z"]),
        ("undo", ["u"]),
    ])
    func searchNarrowsToMatchingKeys(_ query: String, _ keys: [String]) {
        let (s, _) = press([.char("/")] + chars(query), help())
        #expect(s.overlay == .help)
        #expect(s.helpSearch == HelpSearch(text: query, editing: true))
        #expect(s.helpSearch.entries.map(\.0) == keys)
        #expect(s.helpSearch.matchCount == keys.filter { !$0.isEmpty }.count)
    }

    @Test func aMatchingContinuationLineBringsItsKey() {
        let search = HelpSearch(text: "bodies")
        #expect(search.entries.map(\.0) == ["Enter", "", ""])
        #expect(search.matchCount == 1)
    }

    @Test func typedKeysAreTextNotCommands() {
        // j, k, q and ? would scroll or close the help; while searching they are letters.
        let (s, _) = press([.char("/")] + chars("jkq?"), help())
        #expect(s.overlay == .help)
        #expect(s.helpSearch.text == "jkq?")
        #expect(s.helpSearch.matchCount == 0)
        #expect(s.helpSearch.entries.isEmpty)
    }

    @Test func enterKeepsEscClearsSecondEscCloses() {
        let (kept, _) = press([.char("/")] + chars("sort") + [.enter], help())
        #expect(kept.helpSearch == HelpSearch(text: "sort"))
        #expect(kept.overlay == .help)
        #expect(kept.helpSearch.matchCount == 2)  // the sort keys and the mouse's header click
        let (cleared, _) = press([.esc], kept)
        #expect(cleared.helpSearch == HelpSearch())
        #expect(cleared.overlay == .help)
        let (closed, _) = press([.esc], cleared)
        #expect(closed.overlay == .none)

        // Esc while typing clears at once; the next Esc closes.
        let (typing, _) = press([.char("/")] + chars("sor") + [.esc], help())
        #expect(typing.helpSearch == HelpSearch())
        #expect(typing.overlay == .help)
        #expect(press([.esc], typing).0.overlay == .none)
    }

    @Test func backspaceEditsThenLeavesTheSearch() {
        let (s, _) = press([.char("/")] + chars("zx") + [.backspace], help())
        #expect(s.helpSearch.text == "z")
        let (left, _) = press([.backspace, .backspace], s)
        #expect(left.helpSearch == HelpSearch())
    }

    @Test func reopeningHelpStartsWithoutASearch() {
        let (s, _) = press([.char("/")] + chars("sort") + [.enter, .char("?"), .char("?")], help())
        #expect(s.overlay == .help)
        #expect(s.helpSearch == HelpSearch())
    }

    @Test func searchScrollsWithinItsMatches() {
        var s = start()
        s.height = 18
        let (searched, _) = press([.char("?"), .char("/")] + chars("e") + [.enter], s)
        let count = searched.helpSearch.entries.count
        let (end, _) = press([.char("G")], searched)
        #expect(end.helpScroll == HelpOverlay.maxScroll(screenHeight: 18, entries: count))
        let (narrowed, _) = press([.char("/")] + chars("xyz"), end)
        #expect(narrowed.helpScroll == 0)
    }
}

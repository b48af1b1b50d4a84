extension Reducer {
    /// Keys while help is open: j/k and friends scroll; `/` searches the keys, narrowing the list as the text is
    /// typed (Enter keeps it, Esc clears it); Esc with no search, `?`, `q` and Enter close.
    static func helpKey(_ key: Key, _ s: inout DashboardState) -> [Effect] {
        let before = s.helpSearch.text
        if s.helpSearch.editing {
            switch key {
            case .esc: s.helpSearch = HelpSearch()
            case .enter: s.helpSearch.editing = false
            case .backspace:
                if s.helpSearch.text.isEmpty { s.helpSearch.editing = false } else { s.helpSearch.text.removeLast() }
            case .down: s.helpScroll += 1
            case .up: s.helpScroll -= 1
            case .pageDown: s.helpScroll += 10
            case .pageUp: s.helpScroll -= 10
            case .char(let c) where !c.isNewline: s.helpSearch.text.append(c)
            default: break
            }
        } else {
            switch key {
            case .esc where s.helpSearch.isActive: s.helpSearch = HelpSearch()
            case .esc, .char("?"), .char("q"), .enter:
                s.overlay = .none
                s.helpSearch = HelpSearch()
            case .char("/"): s.helpSearch.editing = true
            case .down, .char("j"): s.helpScroll += 1
            case .up, .char("k"): s.helpScroll -= 1
            case .pageDown, .char(" "): s.helpScroll += 10
            case .pageUp: s.helpScroll -= 10
            case .home, .char("g"): s.helpScroll = 0
            case .end, .char("G"): s.helpScroll = .max
            default: break
            }
        }
        // A new search shows its first match.
        if s.helpSearch.text != before { s.helpScroll = 0 }
        let last = HelpOverlay.maxScroll(screenHeight: s.height, entries: s.helpSearch.entries.count)
        s.helpScroll = min(max(0, s.helpScroll), last)
        return []
    }
}

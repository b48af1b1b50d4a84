/// The `?` overlay: a centred box listing every key, scrolled when the screen is too short for all of them, and
/// narrowed to the keys a search (`/`) matches.
public struct HelpOverlay: Sendable {
    /// The first entry shown.
    public var scroll: Int
    /// The search narrowing the list, if any.
    public var search: HelpSearch

    /// A help overlay scrolled to `scroll`, narrowed by `search`.
    public init(scroll: Int = 0, search: HelpSearch = HelpSearch()) {
        self.scroll = scroll
        self.search = search
    }

    /// How many entries fit on a screen `height` rows tall: the overlay sits in the body, which leaves the header
    /// and footer lines.
    public static func visibleRows(screenHeight height: Int) -> Int {
        visibleRows(areaHeight: height - 2)
    }

    /// The furthest a list of `entries` can scroll on a screen `height` rows tall.
    public static func maxScroll(screenHeight height: Int, entries: Int = Keymap.entries.count) -> Int {
        max(0, entries - visibleRows(screenHeight: height))
    }

    /// Entries that fit in a box drawn in an area `height` rows tall: the box is at most the entries plus its
    /// borders and a blank line above and below them, and the last inner line stays blank (the search prompt's).
    private static func visibleRows(areaHeight height: Int) -> Int {
        max(0, min(Keymap.entries.count + 4, height) - 4)
    }

    /// Draws centred in `area`. The box keeps the size of the whole key map while a search narrows it, so that it
    /// does not jump about as the search is typed.
    public func render(_ area: Rect, into grid: inout CellGrid, glyphs: Glyphs) {
        // Measure what will be drawn: ASCII grids spell some glyphs with several characters.
        let ascii = { (entry: (String, String)) in grid.asciiOnly ? (CellGrid.ascii(entry.0), CellGrid.ascii(entry.1)) : entry }
        let all = Keymap.entries.map(ascii)
        let shown = search.entries.map(ascii)
        let keyWidth = all.map { $0.0.count }.max() ?? 8
        let descWidth = all.map { $0.1.count }.max() ?? 40
        let rect = area.centered(width: keyWidth + descWidth + 7, height: Keymap.entries.count + 4)
        let visible = Self.visibleRows(areaHeight: area.height)
        let first = min(max(0, scroll), max(0, shown.count - visible))
        let below = max(0, shown.count - first - visible)
        var badge = search.isActive ? "Esc clears" : "Esc closes"
        if first > 0 || below > 0 {
            badge += " \(glyphs.separator) " + (below > 0 ? "\(below) more (j)" : "top (g)")
        }
        let inner = Block(title: title(glyphs), focused: true, badge: badge).render(rect, into: &grid, glyphs: glyphs)
        for (i, (keys, desc)) in shown.dropFirst(first).enumerated() where i < visible {
            let y = inner.y + 1 + i
            grid.put(keys, x: inner.x + 1, y: y, style: Style(.accent, bold: true), maxWidth: keyWidth)
            grid.put(desc, x: inner.x + keyWidth + 3, y: y, style: .text, maxWidth: inner.width - keyWidth - 3)
        }
        if search.isActive, shown.isEmpty, inner.height > 2 {
            grid.put("no key or description contains \"\(search.text)\"", x: inner.x + 1, y: inner.y + 1, style: .muted,
                     maxWidth: inner.width - 2)
        }
        if search.isActive, inner.height > 1 { renderPrompt(inner, into: &grid, glyphs: glyphs) }
    }

    /// "Keys", or while searching "Keys · 3 matches".
    private func title(_ glyphs: Glyphs) -> String {
        guard search.isActive, !search.text.isEmpty else { return "Keys" }
        let count = search.matchCount
        let matches = count == 0 ? "no matches" : count == 1 ? "1 match" : "\(count) matches"
        return "Keys \(glyphs.separator) \(matches)"
    }

    /// The search on the box's last inner line: `/text_` and how to leave it.
    private func renderPrompt(_ inner: Rect, into grid: inout CellGrid, glyphs: Glyphs) {
        let sep = " \(glyphs.separator) "
        var cells = [TableCell("/", Style(.accent, bold: true)), TableCell(search.text, Style(.text, bold: true))]
        if search.editing {
            cells += [TableCell("_", Style(.accent, bold: true)), TableCell("   Enter keeps\(sep)Esc clears", .muted)]
        } else {
            cells.append(TableCell("   / edits\(sep)Esc clears", .muted))
        }
        TextLine(cells).render(x: inner.x + 1, y: inner.y + inner.height - 1, width: inner.width - 2, into: &grid)
    }
}

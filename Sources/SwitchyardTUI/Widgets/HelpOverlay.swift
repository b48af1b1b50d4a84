/// The `?` overlay: a centred box listing every key, scrolled when the screen is too short for all of them.
public struct HelpOverlay: Sendable {
    /// The first entry shown.
    public var scroll: Int

    /// A help overlay scrolled to `scroll`.
    public init(scroll: Int = 0) {
        self.scroll = scroll
    }

    /// How many entries fit on a screen `height` rows tall: the overlay sits in the body, which leaves the header
    /// and footer lines.
    public static func visibleRows(screenHeight height: Int) -> Int {
        visibleRows(areaHeight: height - 2)
    }

    /// The furthest the list can scroll on a screen `height` rows tall.
    public static func maxScroll(screenHeight height: Int) -> Int {
        max(0, Keymap.entries.count - visibleRows(screenHeight: height))
    }

    /// Entries that fit in a box drawn in an area `height` rows tall: the box is at most the entries plus its
    /// borders and a blank line above and below them, and the last inner line stays blank.
    private static func visibleRows(areaHeight height: Int) -> Int {
        max(0, min(Keymap.entries.count + 4, height) - 3)
    }

    /// Draws centred in `area`.
    public func render(_ area: Rect, into grid: inout CellGrid, glyphs: Glyphs) {
        // Measure what will be drawn: ASCII grids spell some glyphs with several characters.
        let shown = Keymap.entries.map { grid.asciiOnly ? (CellGrid.ascii($0.0), CellGrid.ascii($0.1)) : $0 }
        let keyWidth = shown.map { $0.0.count }.max() ?? 8
        let descWidth = shown.map { $0.1.count }.max() ?? 40
        let rect = area.centered(width: keyWidth + descWidth + 7, height: Keymap.entries.count + 4)
        let visible = Self.visibleRows(areaHeight: area.height)
        let first = min(max(0, scroll), max(0, shown.count - visible))
        let below = max(0, shown.count - first - visible)
        var badge = "Esc closes"
        if first > 0 || below > 0 {
            badge += " \(glyphs.separator) " + (below > 0 ? "\(below) more (j)" : "top (g)")
        }
        let inner = Block(title: "Keys", focused: true, badge: badge).render(rect, into: &grid, glyphs: glyphs)
        for (i, (keys, desc)) in shown.dropFirst(first).enumerated() where i + 1 < inner.height {
            let y = inner.y + 1 + i
            grid.put(keys, x: inner.x + 1, y: y, style: Style(.accent, bold: true), maxWidth: keyWidth)
            grid.put(desc, x: inner.x + keyWidth + 3, y: y, style: .text, maxWidth: inner.width - keyWidth - 3)
        }
    }
}

/// The `?` overlay: a centred box listing every key.
public struct HelpOverlay: Sendable {
    /// A help overlay.
    public init() {}

    /// Draws centred in `area`.
    public func render(_ area: Rect, into grid: inout CellGrid, glyphs: Glyphs) {
        // Measure what will be drawn: ASCII grids spell some glyphs with several characters.
        let shown = Keymap.entries.map { grid.asciiOnly ? (CellGrid.ascii($0.0), CellGrid.ascii($0.1)) : $0 }
        let keyWidth = shown.map { $0.0.count }.max() ?? 8
        let descWidth = shown.map { $0.1.count }.max() ?? 40
        let rect = area.centered(width: keyWidth + descWidth + 7, height: Keymap.entries.count + 4)
        let inner = Block(title: "Keys", focused: true, badge: "Esc closes").render(rect, into: &grid, glyphs: glyphs)
        for (i, (keys, desc)) in shown.enumerated() where i + 1 < inner.height {
            let y = inner.y + 1 + i
            grid.put(keys, x: inner.x + 1, y: y, style: Style(.accent, bold: true), maxWidth: keyWidth)
            grid.put(desc, x: inner.x + keyWidth + 3, y: y, style: .text, maxWidth: inner.width - keyWidth - 3)
        }
    }
}

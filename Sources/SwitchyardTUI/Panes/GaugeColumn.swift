extension RenderContext {
    /// Draws a gauge per row into column `column` of `table` as rendered in `rect`: tables draw text only, so
    /// gauge columns hold empty cells and are filled in afterwards, following the table's scrolling.
    func overlayGauges(_ fractions: [Double?], column: Int, of table: Table, in rect: Rect, into grid: inout CellGrid) {
        guard let origin = table.columnOrigins(in: rect).first(where: { $0.index == column }), origin.width > 0
        else { return }
        let visible = rect.height - table.headerLines
        guard visible > 0, !fractions.isEmpty else { return }
        let offset = Table.scrollOffset(selected: table.selected ?? 0, rows: fractions.count, visible: visible)
        for i in 0..<min(visible, fractions.count - offset) {
            guard let fraction = fractions[i + offset] else { continue }
            Gauge(fraction: fraction).render(x: origin.x, y: rect.y + table.headerLines + i, width: origin.width, into: &grid,
                                             glyphs: glyphs)
        }
    }
}

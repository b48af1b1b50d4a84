/// How a table column aligns its cells.
public enum Alignment: Sendable { case left, right }

/// A table column: header, width and alignment.
public struct Column: Sendable {
    public var header: String
    public var width: Int
    public var alignment: Alignment

    /// A column `width` cells wide.
    public init(_ header: String, _ width: Int, _ alignment: Alignment = .left) {
        self.header = header
        self.width = width
        self.alignment = alignment
    }
}

/// One table cell's text and style.
public struct TableCell: Sendable {
    public var text: String
    public var style: Style

    /// A cell with `text` in `style`.
    public init(_ text: String, _ style: Style = .text) {
        self.text = text
        self.style = style
    }
}

/// A table with a header row, aligned columns, a selection highlight and scrolling that keeps it visible.
public struct Table: Sendable {
    public var columns: [Column]
    public var rows: [[TableCell]]
    /// Selected row index, if any.
    public var selected: Int?
    /// Whether the selection is highlighted (only in the focused pane).
    public var highlight: Bool
    /// Text shown when there are no rows.
    public var emptyText: String

    /// A table of `rows` under `columns`.
    public init(columns: [Column], rows: [[TableCell]], selected: Int?, highlight: Bool, emptyText: String = "no rows") {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.highlight = highlight
        self.emptyText = emptyText
    }

    /// Draws into `rect`; the last column stretches to the right edge. One space separates columns.
    public func render(_ rect: Rect, into grid: inout CellGrid) {
        guard rect.height >= 1, rect.width >= 1 else { return }
        let widths = resolvedWidths(rect.width)
        drawRow(columns.map { TableCell($0.header, Style(.muted, bold: true)) }, y: rect.y, rect: rect, widths: widths,
                grid: &grid)
        let visible = rect.height - 1
        guard visible > 0 else { return }
        if rows.isEmpty {
            grid.put(emptyText, x: rect.x, y: rect.y + 1, style: .muted, maxWidth: rect.width)
            return
        }
        let sel = selected ?? 0
        let offset = max(0, min(sel - visible + 1, rows.count - visible))
        for i in 0..<min(visible, rows.count - offset) {
            let index = i + offset
            let y = rect.y + 1 + i
            if highlight, index == selected {
                grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: Style(.selection))
                let cells = rows[index].map { TableCell($0.text, Style(.selection, bold: $0.style.bold)) }
                drawRow(cells, y: y, rect: rect, widths: widths, grid: &grid)
            } else {
                drawRow(rows[index], y: y, rect: rect, widths: widths, grid: &grid)
            }
        }
        if rows.count > visible, rect.width > 8 {
            // A position hint on the last line when the table scrolls.
            let hint = "\(sel + 1)/\(rows.count)"
            grid.putRight(hint, rightEdge: rect.maxX, y: rect.y, style: .muted, maxWidth: hint.count)
        }
    }

    private func resolvedWidths(_ total: Int) -> [Int] {
        var widths = columns.map(\.width)
        let used = widths.reduce(0, +) + max(0, widths.count - 1)
        if let last = widths.indices.last { widths[last] = max(1, widths[last] + total - used) }
        return widths
    }

    private func drawRow(_ cells: [TableCell], y: Int, rect: Rect, widths: [Int], grid: inout CellGrid) {
        var x = rect.x
        for (i, width) in widths.enumerated() where i < cells.count {
            let w = min(width, rect.maxX - x)
            guard w > 0 else { break }
            let cell = cells[i]
            if columns[i].alignment == .right, cell.text.count < w {
                grid.putRight(cell.text, rightEdge: x + w, y: y, style: cell.style, maxWidth: w)
            } else {
                grid.put(cell.text, x: x, y: y, style: cell.style, maxWidth: w)
            }
            x += width + 1
        }
    }
}

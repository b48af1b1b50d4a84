/// How a table column aligns its cells.
public enum Alignment: Sendable { case left, right }

/// A table column: header, width, alignment, and how it behaves when space is short or spare.
public struct Column: Sendable {
    /// Header text.
    public var header: String
    /// Preferred width in cells.
    public var width: Int
    /// Left or right alignment of cells.
    public var alignment: Alignment
    /// 0: always shown; higher numbers are dropped first when the table is too narrow.
    public var priority: Int
    /// Grows up to `maxWidth` with spare space (the first flexible column gets it first).
    public var flex: Bool
    /// A flexible column grows no wider than this.
    public var maxWidth: Int
    /// A flexible column may shrink to this before the table overflows.
    public var minWidth: Int

    /// A column `width` cells wide.
    public init(_ header: String, _ width: Int, _ alignment: Alignment = .left, priority: Int = 0,
                flex: Bool = false, maxWidth: Int = 40, minWidth: Int? = nil) {
        self.minWidth = minWidth ?? width
        self.header = header
        self.width = width
        self.alignment = alignment
        self.priority = priority
        self.flex = flex
        self.maxWidth = maxWidth
    }

    /// Which columns fit in `total` cells and how wide each is: indices kept, in order, with widths.
    public static func layout(_ columns: [Column], total: Int) -> [(index: Int, width: Int)] {
        var kept = Array(columns.indices)
        func used() -> Int { kept.reduce(0) { $0 + columns[$1].width } + max(0, kept.count - 1) }
        while used() > total, let drop = kept.filter({ columns[$0].priority > 0 })
            .max(by: { (columns[$0].priority, $0) < (columns[$1].priority, $1) }) {
            kept.removeAll { $0 == drop }
        }
        var widths = Dictionary(uniqueKeysWithValues: kept.map { ($0, columns[$0].width) })
        var spare = total - used()
        // Still too wide with every optional column gone: squeeze flexible columns, last first.
        for i in kept.reversed() where spare < 0 && columns[i].flex {
            let give = min(-spare, max(0, columns[i].width - columns[i].minWidth))
            widths[i, default: 0] -= give
            spare += give
        }
        for i in kept where columns[i].flex && spare > 0 {
            let grow = min(spare, max(0, columns[i].maxWidth - columns[i].width))
            widths[i, default: 0] += grow
            spare -= grow
        }
        return kept.map { ($0, widths[$0] ?? 0) }
    }
}

/// One table cell's text and style.
public struct TableCell: Sendable {
    /// Text shown.
    public var text: String
    /// Style of the text.
    public var style: Style

    /// A cell with `text` in `style`.
    public init(_ text: String, _ style: Style = .text) {
        self.text = text
        self.style = style
    }
}

/// A table with a header row, aligned columns, a selection highlight and scrolling that keeps it visible.
public struct Table: Sendable {
    /// Column definitions.
    public var columns: [Column]
    /// Rows of cells, one per column.
    public var rows: [[TableCell]]
    /// Selected row index, if any.
    public var selected: Int?
    /// Whether the selection is highlighted (only in the focused pane).
    public var highlight: Bool
    /// Text shown when there are no rows.
    public var emptyText: String
    /// Whether the first line shows the column headers.
    public var showsHeader: Bool

    /// A table of `rows` under `columns`.
    public init(columns: [Column], rows: [[TableCell]], selected: Int?, highlight: Bool, emptyText: String = "no rows",
                showsHeader: Bool = true) {
        self.showsHeader = showsHeader
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.highlight = highlight
        self.emptyText = emptyText
    }

    /// Draws into `rect`; the last column stretches to the right edge. One space separates columns.
    public func render(_ rect: Rect, into grid: inout CellGrid) {
        guard rect.height >= 1, rect.width >= 1 else { return }
        let layout = Column.layout(columns, total: rect.width)
        let top = rect.y + headerLines
        if showsHeader {
            drawRow(columns.map { TableCell($0.header, Style(.muted, bold: true)) }, y: rect.y, rect: rect,
                    layout: layout, grid: &grid)
        }
        let visible = rect.height - headerLines
        guard visible > 0 else { return }
        if rows.isEmpty {
            grid.put(emptyText, x: rect.x, y: top, style: .muted, maxWidth: rect.width)
            return
        }
        let sel = selected ?? 0
        let offset = Self.scrollOffset(selected: sel, rows: rows.count, visible: visible)
        for i in 0..<min(visible, rows.count - offset) {
            let index = i + offset
            let y = top + i
            if highlight, index == selected {
                grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: Style(.selection))
                let cells = rows[index].map { TableCell($0.text, Style(.selection, bold: $0.style.bold)) }
                drawRow(cells, y: y, rect: rect, layout: layout, grid: &grid)
            } else {
                drawRow(rows[index], y: y, rect: rect, layout: layout, grid: &grid)
            }
        }
        if rows.count > visible, rect.width > 8 {
            // When the table scrolls, its position goes on the line below it (the pane's bottom border).
            let hint = " \(sel + 1)/\(rows.count) "
            grid.putRight(hint, rightEdge: rect.maxX - 1, y: rect.maxY, style: .muted, maxWidth: hint.count)
        }
    }

    /// Lines above the first row: the header's, if shown.
    public var headerLines: Int { showsHeader ? 1 : 0 }

    /// First row shown when `rows` rows scroll through `visible` lines with row `selected` kept in view.
    public static func scrollOffset(selected: Int, rows: Int, visible: Int) -> Int {
        max(0, min(selected - visible + 1, rows - visible))
    }

    /// Where each kept column starts when laid out in `rect`: (column index, x, width).
    public func columnOrigins(in rect: Rect) -> [(index: Int, x: Int, width: Int)] {
        var x = rect.x
        return Column.layout(columns, total: rect.width).map { column in
            defer { x += column.width + 1 }
            return (column.index, x, min(column.width, rect.maxX - x))
        }
    }

    /// Where `render(rect, …)` puts the header and the rows, for hit-testing.
    public func listArea(in rect: Rect) -> ListArea {
        let visible = max(0, rect.height - headerLines)
        let headers = columnOrigins(in: rect).map { ListArea.Header(name: columns[$0.index].header, x: $0.x, width: $0.width) }
        return ListArea(headerY: showsHeader ? rect.y : nil, headers: headers, top: rect.y + headerLines, visible: visible,
                        first: Self.scrollOffset(selected: selected ?? 0, rows: rows.count, visible: visible),
                        count: rows.count)
    }

    private func drawRow(_ cells: [TableCell], y: Int, rect: Rect, layout: [(index: Int, width: Int)],
                         grid: inout CellGrid) {
        var x = rect.x
        for (i, width) in layout where i < cells.count {
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

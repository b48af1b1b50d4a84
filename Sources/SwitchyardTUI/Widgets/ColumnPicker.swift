/// The `c` overlay: every column the Requests pane can show, ticked when shown, with the cursor's row highlighted.
public struct ColumnPicker: Sendable {
    /// Columns shown.
    public var shown: Set<RequestColumn>
    /// Index into `RequestColumn.allCases` of the cursor's row.
    public var cursor: Int

    /// A picker over `shown` with the cursor on row `cursor`.
    public init(shown: Set<RequestColumn>, cursor: Int) {
        self.shown = shown
        self.cursor = cursor
    }

    /// Draws centred in `area`; on a short screen the list scrolls to keep the cursor in view.
    public func render(_ area: Rect, into grid: inout CellGrid, glyphs: Glyphs) {
        let all = RequestColumn.allCases
        let headerWidth = all.map(\.header.count).max() ?? 9
        let lines = all.map { column in
            let box = shown.contains(column) ? "[x]" : "[ ]"
            return "\(box) \(column.header.padding(toLength: headerWidth, withPad: " ", startingAt: 0))  \(column.meaning)"
        }
        let width = (lines.map(\.count).max() ?? 30) + 6
        let rect = area.centered(width: width, height: all.count + 4)
        let inner = Block(title: "Requests columns", focused: true, badge: "Esc closes").render(rect, into: &grid, glyphs: glyphs)
        let visible = max(0, inner.height - 2)
        guard visible > 0 else { return }
        let first = Table.scrollOffset(selected: cursor, rows: lines.count, visible: visible)
        for (i, line) in lines.enumerated().dropFirst(first).prefix(visible) {
            let y = inner.y + 1 + i - first
            let style = i == cursor ? Style(.selection, bold: true) : Style(shown.contains(all[i]) ? .text : .muted)
            if i == cursor { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(.selection)) }
            grid.put(line, x: inner.x + 2, y: y, style: style, maxWidth: inner.width - 3)
        }
    }
}

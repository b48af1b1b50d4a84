import SwitchyardCore

extension RenderContext {
    /// Per model: name, sparkline of recent p50, and p50/p95/p99, each with its unit.
    @discardableResult
    func renderLatency(_ rect: Rect, into grid: inout CellGrid) -> PaneArea {
        let inner = block(.latency).render(rect, into: &grid, glyphs: glyphs)
        let nameWidth = max(5, min(24, rows.models.map(\.name.count).max() ?? 10))
        let columns = marked([
            // The model column fits the longest name; the sparkline takes what is left (down to 5 cells).
            Column("model", nameWidth, flex: true, maxWidth: nameWidth, minWidth: min(nameWidth, 8)),
            Column("trend", 20, flex: true, maxWidth: 400, minWidth: 5),
            Column("p50", 5, .right), Column("p95", 5, .right), Column("p99", 5, .right, priority: 2),
            Column("ttft", 5, .right, priority: 2), Column("req/s", 5, .right, priority: 1),
            Column("strategy", 8, priority: 3),
        ], .latency)
        let (sel, focused) = selection(.latency)
        let palette: [Role] = [.chart1, .chart2, .chart3, .chart4]
        let body: [[TableCell]] = rows.models.map { m in
            [TableCell(m.name, Style(.text, bold: true)), TableCell(""),
             TableCell(Format.latency(m.latencyP50)), TableCell(Format.latency(m.latencyP95)),
             TableCell(Format.latency(m.latencyP99), Style(m.latencyP99 >= 5000 ? .warn : .text)),
             TableCell(Format.latency(m.ttftP50), .muted), TableCell(Format.rate(m.requestsPerSecond)),
             TableCell(m.strategy.rawValue, .muted)]
        }
        let layout = Column.layout(columns, total: inner.width)
        let nameColumn = layout.first { $0.index == 0 }?.width ?? nameWidth
        let sparkWidth = layout.first { $0.index == 1 }?.width ?? 6
        let table = Table(columns: columns, rows: body, selected: sel, highlight: focused, emptyText: "no models")
        table.render(inner, into: &grid)
        // Sparklines go over the blank trend column, scrolled the same way the table scrolls.
        let area = PaneArea(pane: .latency, frame: rect, list: table.listArea(in: inner))
        let visible = inner.height - 1
        guard visible > 0 else { return area }
        let offset = max(0, min(sel - visible + 1, rows.models.count - visible))
        for i in 0..<max(0, min(visible, rows.models.count - offset)) {
            let m = rows.models[i + offset]
            let style = (focused && i + offset == sel) ? Style(.selection) : Style(palette[(i + offset) % palette.count])
            Sparkline(m.latencySeries, style: style)
                .render(x: inner.x + nameColumn + 1, y: inner.y + 1 + i, width: sparkWidth, into: &grid, glyphs: glyphs)
        }
        return area
    }
}

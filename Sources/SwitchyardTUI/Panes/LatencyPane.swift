import SwitchyardCore

extension RenderContext {
    /// Per model: name, sparkline of recent p50, and p50/p95/p99 in ms.
    func renderLatency(_ rect: Rect, into grid: inout CellGrid) {
        let inner = block(.latency, badge: "ms").render(rect, into: &grid, glyphs: glyphs)
        let wide = inner.width >= 60
        let nameWidth = wide ? 18 : 10
        var fixed = [Column("model", nameWidth), Column("trend", 1)]
        var tail = [Column("p50", 5, .right), Column("p95", 5, .right), Column("p99", 5, .right)]
        if wide { tail += [Column("ttft", 5, .right), Column("req/s", 6, .right)] }
        let sparkWidth = max(3, inner.width - nameWidth - tail.reduce(0) { $0 + $1.width + 1 } - 1)
        fixed[1].width = sparkWidth
        let columns = fixed + tail
        let (sel, focused) = selection(.latency)
        let palette: [Role] = [.chart1, .chart2, .chart3, .chart4]
        let body: [[TableCell]] = rows.models.map { m in
            var row = [TableCell(m.name, Style(.text, bold: true)), TableCell(""),
                       TableCell(Format.ms(m.latencyP50)), TableCell(Format.ms(m.latencyP95)),
                       TableCell(Format.ms(m.latencyP99), Style(m.latencyP99 >= 5000 ? .warn : .text))]
            if wide { row += [TableCell(Format.ms(m.ttftP50), .muted), TableCell(Format.rate(m.requestsPerSecond))] }
            return row
        }
        let table = Table(columns: columns, rows: body, selected: sel, highlight: focused, emptyText: "no models")
        table.render(inner, into: &grid)
        // Sparklines go over the blank trend column, scrolled the same way the table scrolls.
        let visible = inner.height - 1
        guard visible > 0 else { return }
        let offset = max(0, min(sel - visible + 1, rows.models.count - visible))
        for i in 0..<max(0, min(visible, rows.models.count - offset)) {
            let m = rows.models[i + offset]
            let style = (focused && i + offset == sel) ? Style(.selection) : Style(palette[(i + offset) % palette.count])
            Sparkline(m.latencySeries, style: style)
                .render(x: inner.x + nameWidth + 1, y: inner.y + 1 + i, width: sparkWidth, into: &grid, glyphs: glyphs)
        }
    }
}

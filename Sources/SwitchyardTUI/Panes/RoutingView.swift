import SwitchyardCore

extension RenderContext {
    /// Task routing, full body (`R`): per task of each task-routed model, its requests per minute and in all, the
    /// group and deployment serving it, what it cost, its escalations, and what routing saved against sending
    /// every request to the most expensive group.
    func renderRouting(_ rect: Rect, into grid: inout CellGrid) {
        let inner = Block(title: "Routing", focused: true, badge: "Esc back").render(rect, into: &grid, glyphs: glyphs)
        guard inner.height > 2 else { return }
        guard let rows = snapshot?.routing, !rows.isEmpty else {
            grid.put("no task-routed requests yet: a model with strategy: task routes each request by its task",
                     x: inner.x, y: inner.y, style: .muted, maxWidth: inner.width)
            return
        }
        let cost = rows.reduce(0) { $0 + $1.cost }
        let saved = rows.reduce(0) { $0 + $1.saved }
        let requests = rows.reduce(0) { $0 + $1.requests }
        let perMinute = rows.reduce(0) { $0 + $1.perMinute }
        let sep = " \(glyphs.separator) "
        TextLine([
            TableCell("\(perMinute)/min", Style(.text, bold: true)),
            TableCell(sep + "\(requests) requests" + sep + "\(Format.dollars(cost)) spent" + sep, .muted),
            TableCell("\(Format.dollars(saved)) saved", Style(saved > 0 ? .ok : .muted, bold: saved > 0)),
            TableCell(" against the most expensive group", .muted),
        ]).render(x: inner.x, y: inner.y, width: inner.width, into: &grid)
        let columns = [
            Column("", 1), Column("model", 8), Column("task", 12),
            Column("req/min", 7, .right), Column("mix", 5, .right), Column("requests", 8, .right, priority: 2),
            Column("group", 14), Column("deployment", 12, priority: 1, flex: true, maxWidth: 30),
            Column("cost", 10, .right), Column("escal.", 6, .right, priority: 1), Column("saved", 10, .right),
        ]
        let body: [[TableCell]] = rows.enumerated().map { i, r in
            let mix = perMinute > 0 ? Format.percent(Double(r.perMinute) / Double(perMinute)) : "-"
            return [
                TableCell(i == state.drillSelection ? String(glyphs.marker) : " ", Style(.accent)),
                TableCell(r.model, .muted), TableCell(r.task, Style(.text, bold: true)),
                TableCell("\(r.perMinute)"), TableCell(mix, .muted), TableCell("\(r.requests)", .muted),
                TableCell(r.group ?? "-"), TableCell(r.deployment ?? "-", .muted),
                TableCell(Format.dollars(r.cost)),
                TableCell(r.escalations > 0 ? "\(r.escalations)" : "-", r.escalations > 0 ? Style(.warn) : .muted),
                TableCell(Format.dollars(r.saved), r.saved > 0 ? Style(.ok) : .muted),
            ]
        }
        let top = inner.y + 2
        guard top < inner.maxY else { return }
        Table(columns: columns, rows: body, selected: state.drillSelection, highlight: true,
              emptyText: "no task-routed requests yet")
            .render(Rect(x: inner.x, y: top, width: inner.width, height: inner.maxY - top), into: &grid)
    }
}

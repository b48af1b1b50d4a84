import SwitchyardCore

extension RenderContext {
    /// Recent requests, newest on top: the inspector's list, following the newest or paused on one.
    @discardableResult
    func renderRequests(_ rect: Rect, into grid: inout CellGrid) -> PaneArea {
        let badge = snapshot.map { "\($0.totals.inFlight) in flight" }
        let inner = block(.requests, badge: badge, title: requestsTitle(width: rect.width - 6))
            .render(rect, into: &grid, glyphs: glyphs)
        let idWidth = state.zoomed ? max(8, rows.requests.map(\.id.count).max() ?? 8) : 8
        // Zoomed, the whole screen has room for when the first token came and whose team paid.
        let chosen = state.zoomed ? state.requestColumns.union(RequestColumn.zoomExtras) : state.requestColumns
        let shown = RequestColumn.allCases.filter(chosen.contains)
        let columns = marked(shown.map { fitted(requestColumn($0, idWidth: idWidth), $0) }, .requests)
        let (sel, focused) = selection(.requests)
        // Only the rows the table will show are formatted (the ring holds hundreds); the rest stay empty.
        let visible = max(0, inner.height - 1)
        let offset = max(0, min(sel - visible + 1, rows.requests.count - visible))
        let onScreen = offset..<(offset + visible)
        let body: [[TableCell]] = rows.requests.enumerated().map { index, r in
            guard onScreen.contains(index) else { return [] }
            return shown.map { requestCell($0, of: r, idWidth: idWidth) }
        }
        let empty = snapshot == nil ? "waiting for traffic…" : emptyText
        let table = Table(columns: columns, rows: body, selected: sel, highlight: focused, emptyText: empty)
        table.render(inner, into: &grid)
        return PaneArea(pane: .requests, frame: rect, list: table.listArea(in: inner))
    }

    /// How column `column` sizes and gives way when the pane is narrow.
    func requestColumn(_ column: RequestColumn, idWidth: Int) -> Column {
        let header = column.header
        return switch column {
        case .done: Column(header, 8)
        case .id: Column(header, idWidth, priority: 2)
        case .model: Column(header, 11, flex: true, maxWidth: 14)
        case .status: Column(header, 3, .right)
        case .latency: Column(header, 7, .right)
        case .ttft: Column(header, 6, .right, priority: 3)
        case .tries: Column(header, 10, priority: 1)
        case .tokens: Column(header, 11, .right, priority: 3)
        case .cost: Column(header, 7, .right)
        case .key: Column(header, 12, priority: 4, flex: true, maxWidth: 20)
        case .team: Column(header, 10, priority: 4, flex: true, maxWidth: 16)
        case .servedBy: Column(header, 18, priority: 5, flex: true)
        }
    }

    /// A flexible column grown no wider than its longest entry, so that spare room goes to the names that need it
    /// (a short key column leaves room for whole deployment ids under "served by").
    func fitted(_ column: Column, _ kind: RequestColumn) -> Column {
        guard column.flex else { return column }
        let longest: Int
        switch kind {
        case .model: longest = rows.requests.map(\.model.count).max() ?? 0
        case .key: longest = rows.requests.map { ($0.key ?? "-").count }.max() ?? 0
        case .team: longest = rows.requests.map { ($0.team ?? "-").count }.max() ?? 0
        case .servedBy: longest = rows.requests.map { ($0.servedBy ?? "-").count }.max() ?? 0
        default: return column
        }
        var c = column
        c.maxWidth = max(c.width, longest)
        return c
    }

    /// Request `r`'s cell in column `column`.
    func requestCell(_ column: RequestColumn, of r: RequestRecord, idWidth: Int) -> TableCell {
        switch column {
        // The list is in order of completion, so it shows when each request finished.
        case .done: TableCell(clock(r.time + r.latency), .muted)
        case .id: TableCell(String(r.id.prefix(idWidth)), .muted)
        case .model: TableCell(r.model, .text)
        case .status: TableCell("\(r.status)", Style(statusCodeRole(r.status), bold: r.status >= 400))
        case .latency: TableCell(Format.seconds(r.latency), Style(r.latency >= 10 ? .warn : .text))
        case .ttft: TableCell(r.timeToFirstToken.map(Format.seconds) ?? "-", .muted)
        case .tries:
            TableCell(r.fellBack ? "\(r.attempts.count) fallback" : "\(r.attempts.count)",
                      Style(r.fellBack ? .accent : (r.attempts.count > 1 ? .warn : .muted)))
        case .tokens: TableCell("\(Format.tokens(r.inputTokens))\(glyphs.arrow)\(Format.tokens(r.outputTokens))", .text)
        case .cost: TableCell(Format.dollars(r.cost), .text)
        case .key: TableCell(r.key ?? "-", .muted)
        case .team: TableCell(r.team ?? "-", .muted)
        case .servedBy: TableCell(r.servedBy ?? "-", .muted)
        }
    }

    /// Why no row shows: a request looked up by id may not have finished yet (events name requests in flight).
    var emptyText: String {
        let byID = state.activeFilter.terms.contains {
            if case .text(.id, .equal, _) = $0 { return true }
            return false
        }
        return byID ? "no finished request with that id (still in flight, or older than the recent window)"
                    : "no request matches"
    }

    /// "Requests ▶ follow", or "Requests ⏸ 12 new" while paused on a request; then, while a filter is applied,
    /// "· 12 of 300 · status>=500". When that does not fit in `width`, the follow state shortens ("▶", "⏸ 12").
    func requestsTitle(width: Int) -> String {
        let sep = " \(glyphs.separator) "
        let filter = state.activeFilter
        guard !filter.isEmpty else { return "Requests " + followLabel(compact: false) }
        // The count before the expression: on a narrow pane the expression is what gets cut.
        let rest = "\(sep)\(rows.requests.count) of \(snapshot?.requests.count ?? 0)\(sep)\(filter.description)"
        let full = "Requests " + followLabel(compact: false) + rest
        return full.count <= width ? full : "Requests " + followLabel(compact: true) + rest
    }

    /// "▶ follow", or "⏸ 12 new" (requests finished since following stopped), "⏸ paused" when none; compact:
    /// "▶", "⏸ 12", "⏸".
    func followLabel(compact: Bool) -> String {
        let play = glyphs.isUnicode ? "▶" : ">"
        if state.followRequests { return compact ? play : "\(play) follow" }
        let pause = glyphs.isUnicode ? "⏸" : "||"
        let new = state.pausedAfter.map { mark in rows.requests.filter { $0.time + $0.latency > mark }.count } ?? 0
        if compact { return new > 0 ? "\(pause) \(new)" : pause }
        return new > 0 ? "\(pause) \(new) new" : "\(pause) paused"
    }

    /// One request's attempts, full body: a summary, a note about its trace (loading, missing), then one row per
    /// attempt.
    func renderRequestDetail(_ id: String, _ rect: Rect, note: TableCell? = nil, into grid: inout CellGrid) {
        let inner = Block(title: "6 Requests › \(id)", focused: true, badge: "Esc back")
            .render(rect, into: &grid, glyphs: glyphs)
        guard inner.height > 2 else { return }
        guard let r = rows.requests.first(where: { $0.id == id }) ?? PaneRows.request(id, in: snapshot) else {
            grid.put("request \(id) has left the recent window", x: inner.x, y: inner.y, style: Style(.warn),
                     maxWidth: inner.width)
            if let note { grid.put(note.text, x: inner.x, y: inner.y + 1, style: note.style, maxWidth: inner.width) }
            return
        }
        let sep = " \(glyphs.separator) "
        TextLine([
            TableCell("\(r.status)", Style(statusCodeRole(r.status), bold: true)), TableCell("  "),
            TableCell(r.model, Style(.title, bold: true)),
            TableCell(sep + "served by " + (r.servedBy ?? "none"), .text),
            TableCell(sep + Format.seconds(r.latency) + (r.timeToFirstToken.map { " (ttft \(Format.seconds($0)))" } ?? ""), .text),
            TableCell(sep + "\(r.attempts.count) attempt\(r.attempts.count == 1 ? "" : "s")" + (r.fellBack ? ", fell back" : ""),
                      Style(r.fellBack ? .accent : .text)),
        ]).render(x: inner.x, y: inner.y, width: inner.width, into: &grid)
        TextLine([
            TableCell(clock(r.time), .muted),
            TableCell(sep + "tokens \(Format.tokens(r.inputTokens))\(glyphs.arrow)\(Format.tokens(r.outputTokens))", .muted),
            TableCell(sep + "cost \(Format.dollars(r.cost))", .muted),
            TableCell(sep + "key \(r.key ?? "-")" + (r.team.map { " (team \($0))" } ?? ""), .muted),
            TableCell(r.stream ? sep + "stream" : "", .muted),
        ]).render(x: inner.x, y: inner.y + 1, width: inner.width, into: &grid)
        var top = inner.y + 2
        if let message = r.errorMessage, top < inner.maxY {
            grid.put("error: " + message, x: inner.x, y: top, style: Style(.bad), maxWidth: inner.width)
            top += 1
        }
        if let note, top < inner.maxY {
            grid.put(note.text, x: inner.x, y: top, style: note.style, maxWidth: inner.width)
            top += 1
        }
        let columns = [
            Column("#", 2, .right), Column("deployment", 20), Column("result", 9),
            Column("latency", 7, .right), Column("ttft", 6, .right, priority: 2), Column("tokens", 11, .right, priority: 3),
            Column("cost", 7, .right, priority: 3), Column("decision", 15), Column("reason", 10, priority: 1, flex: true, maxWidth: 200),
        ]
        let body: [[TableCell]] = r.attempts.map { a in
            let result: TableCell
            if let status = a.status, a.errorClass == nil {
                result = TableCell("\(status)", Style(statusCodeRole(status), bold: true))
            } else {
                let code = a.status.map { "\($0) " } ?? ""
                let label = a.status.map { "\($0)" } == a.errorClass?.rawValue ? "\(a.status ?? 0)" : code + (a.errorClass?.rawValue ?? "error")
                result = TableCell(label, Style(a.errorClass == .rateLimited ? .warn : .bad, bold: true))
            }
            var reason = a.message
            if let ra = a.retryAfter { reason += " (retry-after \(Format.number(ra))s)" }
            if a.backoff > 0 { reason += " \(glyphs.separator) backoff \(Format.seconds(a.backoff))" }
            return [
                TableCell("\(a.index)", .muted), TableCell(a.deployment, Style(.text, bold: true)), result,
                TableCell(Format.seconds(a.latency)), TableCell(a.timeToFirstToken.map(Format.seconds) ?? "-", .muted),
                TableCell("\(Format.tokens(a.inputTokens))\(glyphs.arrow)\(Format.tokens(a.outputTokens))"),
                TableCell(Format.dollars(a.cost)),
                TableCell(a.decision.label, Style(a.decision == .answered ? .ok : (a.decision == .gaveUp ? .bad : .accent))),
                TableCell(reason, .muted),
            ]
        }
        let tableRect = Rect(x: inner.x, y: top + 1, width: inner.width, height: inner.maxY - top - 1)
        Table(columns: columns, rows: body, selected: state.drillSelection, highlight: true, emptyText: "no attempts")
            .render(tableRect, into: &grid)
    }
}

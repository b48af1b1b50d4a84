import SwitchyardCore

extension RenderContext {
    /// Recent requests, newest on top.
    func renderRequests(_ rect: Rect, into grid: inout CellGrid) {
        let badge = snapshot.map { "\($0.totals.inFlight) in flight" }
        let inner = block(.requests, badge: badge).render(rect, into: &grid, glyphs: glyphs)
        let w = inner.width
        var columns = [Column("time", 8)]
        if w >= 60 { columns.append(Column("id", 8)) }
        columns += [Column("model", w >= 90 ? 14 : 11), Column("st", 3, .right), Column("latency", 7, .right)]
        if w >= 60 { columns.append(Column("tries", w >= 90 ? 12 : 5)) }
        if w >= 90 { columns.append(Column("tokens", 11, .right)) }
        columns.append(Column("cost", 7, .right))
        if w >= 90 { columns.append(Column("key", 12)) }
        let (sel, focused) = selection(.requests)
        let body: [[TableCell]] = rows.requests.map { r in
            var row = [TableCell(clock(r.time), .muted)]
            if w >= 60 { row.append(TableCell(String(r.id.prefix(8)), .muted)) }
            row += [
                TableCell(r.model, .text),
                TableCell("\(r.status)", Style(statusCodeRole(r.status), bold: r.status >= 400)),
                TableCell(Format.seconds(r.latency), Style(r.latency >= 10 ? .warn : .text)),
            ]
            if w >= 60 {
                let tries = r.attempts.count
                let text = w >= 90 && r.fellBack ? "\(tries) fallback" : (r.fellBack ? "\(tries) fb" : "\(tries)")
                row.append(TableCell(text, Style(r.fellBack ? .accent : (tries > 1 ? .warn : .muted))))
            }
            if w >= 90 {
                row.append(TableCell("\(Format.tokens(r.inputTokens))\(glyphs.arrow)\(Format.tokens(r.outputTokens))", .text))
            }
            row.append(TableCell(Format.dollars(r.cost), .text))
            if w >= 90 { row.append(TableCell(r.key ?? "-", .muted)) }
            return row
        }
        let empty = snapshot == nil ? "waiting for traffic…" : "no request matches"
        Table(columns: columns, rows: body, selected: sel, highlight: focused, emptyText: empty).render(inner, into: &grid)
    }

    /// One request's attempts, full body: a summary, then one row per attempt.
    func renderRequestDetail(_ id: String, _ rect: Rect, into grid: inout CellGrid) {
        let inner = Block(title: "6 Requests › \(id)", focused: true, badge: "Esc back")
            .render(rect, into: &grid, glyphs: glyphs)
        guard inner.height > 2 else { return }
        guard let r = PaneRows.request(id, in: snapshot) else {
            grid.put("request \(id) has left the recent window", x: inner.x, y: inner.y, style: Style(.warn),
                     maxWidth: inner.width)
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
        let w = inner.width
        var columns = [Column("#", 2, .right), Column("deployment", w >= 100 ? 24 : 18), Column("result", 9),
                       Column("latency", 7, .right), Column("ttft", 6, .right)]
        if w >= 100 { columns += [Column("tokens", 11, .right), Column("cost", 7, .right)] }
        columns += [Column("decision", 14), Column("reason", 10)]
        let body: [[TableCell]] = r.attempts.map { a in
            let result: TableCell
            if let status = a.status, a.errorClass == nil {
                result = TableCell("\(status)", Style(statusCodeRole(status), bold: true))
            } else {
                let code = a.status.map { "\($0) " } ?? ""
                result = TableCell(code + (a.errorClass?.rawValue ?? "error"), Style(a.errorClass == .rateLimited ? .warn : .bad, bold: true))
            }
            var row = [TableCell("\(a.index)", .muted), TableCell(a.deployment, Style(.text, bold: true)), result,
                       TableCell(Format.seconds(a.latency)), TableCell(a.timeToFirstToken.map(Format.seconds) ?? "-", .muted)]
            if w >= 100 {
                row += [TableCell("\(Format.tokens(a.inputTokens))\(glyphs.arrow)\(Format.tokens(a.outputTokens))"),
                        TableCell(Format.dollars(a.cost))]
            }
            var reason = a.message
            if let ra = a.retryAfter { reason += " (retry-after \(Format.number(ra))s)" }
            if a.backoff > 0 { reason += " · backoff \(Format.seconds(a.backoff))" }
            row += [TableCell(decisionLabel(a.decision), Style(a.decision == .answered ? .ok : (a.decision == .gaveUp ? .bad : .accent))),
                    TableCell(reason, .muted)]
            return row
        }
        let tableRect = Rect(x: inner.x, y: top + 1, width: inner.width, height: inner.maxY - top - 1)
        Table(columns: columns, rows: body, selected: state.drillSelection, highlight: true, emptyText: "no attempts")
            .render(tableRect, into: &grid)
    }

    func decisionLabel(_ d: AttemptRecord.Decision) -> String {
        switch d {
        case .answered: "answered"
        case .retrySame: "retry same"
        case .nextDeployment: "next deploy"
        case .fallbackGroup: "fallback group"
        case .gaveUp: "gave up"
        }
    }
}

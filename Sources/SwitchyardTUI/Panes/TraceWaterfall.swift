import SwitchyardCore

extension RenderContext {
    /// The request inspector: the trace's waterfall once it has arrived, else the record's attempts and why.
    func renderInspector(_ id: String, _ rect: Rect, into grid: inout CellGrid) {
        let inspector = state.inspector.flatMap { $0.requestID == id ? $0 : nil }
        guard let inspector, let trace = inspector.trace else {
            renderRequestDetail(id, rect, note: traceNote(inspector?.load), into: &grid)
            return
        }
        let waterfall = Waterfall(trace)
        let selected = max(0, min(state.drillSelection, waterfall.spans.count - 1))
        let span = waterfall.spans.indices.contains(selected) ? waterfall.spans[selected] : nil
        var title = "\(Pane.requests.rawValue + 1) \(Pane.requests.title) › \(id)"
        if inspector.zoomed, let span { title += " › \(span.name.rawValue)" }
        let inner = Block(title: title, focused: true, badge: inspector.zoomed ? "Esc spans" : "Esc back")
            .render(rect, into: &grid, glyphs: glyphs)
        guard inner.height > 1, inner.width > 4 else { return }
        let layout = WaterfallLayout(inner: inner, trace: trace)
        renderTraceHeader(trace, layout.header, into: &grid)
        guard let span else {
            grid.put("the trace has no spans", x: inner.x, y: layout.zoom.y, style: Style(.warn), maxWidth: inner.width)
            return
        }
        let detail = SpanDetail(span: span, trace: trace, glyphs: glyphs)
        if inspector.zoomed {
            renderSpanDetail(detail, layout.zoom, zoomed: true, scroll: inspector.scroll, into: &grid)
        } else {
            renderSpanDetail(detail, layout.detail, zoomed: false, scroll: 0, into: &grid)
            renderSpanTable(waterfall, selected: selected, layout.table, into: &grid)
        }
    }

    /// What the attempts view says about the trace while it is not there.
    func traceNote(_ load: TraceLoad?) -> TableCell? {
        switch load {
        case .loading?: TableCell("loading trace…", .muted)
        case .missing?: TableCell("no trace kept for this request (tracing off, or evicted) \(glyphs.separator) its attempts:", Style(.warn))
        case .failed(let message)?: TableCell("trace unavailable: \(message) \(glyphs.separator) Enter retries", Style(.bad))
        case .loaded?, nil: nil
        }
    }

    /// Status, model → served by, total, ttft, attempts; then trace id, time, tokens, cost, key and team; then the
    /// error.
    func renderTraceHeader(_ trace: RequestTrace, _ rect: Rect, into grid: inout CellGrid) {
        guard rect.height > 0 else { return }
        let r = trace.record
        let sep = " \(glyphs.separator) "
        TextLine([
            TableCell("\(r.status)", Style(statusCodeRole(r.status), bold: true)), TableCell("  "),
            TableCell(r.model, Style(.title, bold: true)),
            TableCell(" \(glyphs.arrow) " + (r.servedBy ?? "not served"), Style(r.servedBy == nil ? .bad : .text)),
            TableCell(sep + "total " + Format.spanTime(r.latency), Style(.text, bold: true)),
            TableCell(r.timeToFirstToken.map { sep + "ttft " + Format.spanTime($0) } ?? "", .text),
            TableCell(sep + "\(r.attempts.count) attempt\(r.attempts.count == 1 ? "" : "s")" + (r.fellBack ? ", fell back" : ""),
                      Style(r.fellBack ? .accent : .text)),
        ]).render(x: rect.x, y: rect.y, width: rect.width, into: &grid)
        guard rect.height > 1 else { return }
        TextLine([
            TableCell("trace \(trace.traceID)", .muted),
            TableCell(sep + clock(r.time), .muted),
            TableCell(sep + "tokens \(Format.tokens(r.inputTokens))\(glyphs.arrow)\(Format.tokens(r.outputTokens))", .text),
            TableCell(sep + Format.dollars(r.cost), .text),
            TableCell(sep + "key \(r.key ?? "-")" + (r.team.map { " (team \($0))" } ?? ""), .muted),
            TableCell(r.stream ? sep + "stream" : "", .muted),
        ]).render(x: rect.x, y: rect.y + 1, width: rect.width, into: &grid)
        if rect.height > 2, let message = r.errorMessage {
            grid.put("error: " + message, x: rect.x, y: rect.y + 2, style: Style(.bad), maxWidth: rect.width)
        }
    }

    /// One row per span: name indented by depth, start, duration, a bar on the time axis and the span's key
    /// attributes. Narrow areas lose the bar first, then the start, then the attributes.
    func renderSpanTable(_ waterfall: Waterfall, selected: Int, _ rect: Rect, into grid: inout CellGrid) {
        guard rect.height > 0, rect.width > 0 else { return }
        let spans = waterfall.spans
        let nameWidth = max(8, zip(spans, waterfall.depths).map { $0.name.rawValue.count + 2 * $1 }.max() ?? 8)
        let fixed = nameWidth + 7 + 7 + 3
        let columns = [
            Column("span", nameWidth), Column("start", 7, .right, priority: 2), Column("took", 7, .right),
            Column("", 16, priority: 3, flex: true, maxWidth: max(16, (rect.width - fixed) * 11 / 20)),
            Column("details", 20, priority: 1, flex: true, maxWidth: 400, minWidth: 12),
        ]
        let rows: [[TableCell]] = spans.enumerated().map { i, span in
            let role = Waterfall.role(span)
            return [
                TableCell(String(repeating: " ", count: 2 * waterfall.depths[i]) + span.name.rawValue,
                          Style(span.status == .error ? .bad : .text, bold: span.name == .attempt)),
                TableCell("+" + Format.spanTime(span.start), .muted),
                TableCell(Format.spanTime(span.duration), .text),
                TableCell(""),
                TableCell(spanSummary(span), Style(role == .ok || role == .chart1 || role == .accent ? .text : role)),
            ]
        }
        let table = Table(columns: columns, rows: rows, selected: selected, highlight: true, emptyText: "no spans")
        table.render(rect, into: &grid)
        guard let bar = table.columnOrigins(in: rect).first(where: { $0.index == 3 }), bar.width > 0 else { return }
        // The time axis on the header row: zero on the left, the trace's total on the right.
        let total = Format.spanTime(waterfall.total)
        grid.put("0", x: bar.x, y: rect.y, style: .muted, maxWidth: bar.width)
        if bar.width > total.count + 2 {
            grid.putRight(total, rightEdge: bar.x + bar.width, y: rect.y, style: .muted, maxWidth: total.count)
        }
        let visible = rect.height - table.headerLines
        let offset = Table.scrollOffset(selected: selected, rows: spans.count, visible: visible)
        for line in 0..<max(0, min(visible, spans.count - offset)) {
            let span = spans[offset + line]
            let glyph = span.name == .backoff ? glyphs.gaugeEmpty : glyphs.gaugeFull
            let style = Style(Waterfall.role(span))
            for cell in waterfall.barCells(span, width: bar.width) {
                grid[bar.x + cell, rect.y + table.headerLines + line] = Cell(glyph, style)
            }
        }
    }

    /// A span's key attributes on one line: the pick of a route, deployment, status or error class, time to first
    /// token, reason.
    func spanSummary(_ span: TraceSpan) -> String {
        var parts: [String] = []
        let picked = span.candidates?.first { $0.picked }
        if let candidates = span.candidates {
            let marker = glyphs.isUnicode ? "▸" : ">"
            parts.append(picked.map { "\(marker) \($0.deployment) of \(candidates.count)" } ?? "none of \(candidates.count)")
        }
        if let deployment = span[attribute: SpanKeys.deployment], deployment != picked?.deployment {
            parts.append(deployment)
        }
        if let status = span[attribute: SpanKeys.status] {
            parts.append(status)
        } else if let errorClass = span[attribute: SpanKeys.errorClass] {
            parts.append(errorClass)
        }
        if let ttft = SpanKeys.first(SpanKeys.ttft, in: span) {
            parts.append("ttft " + (Double(ttft).map(Format.spanTime) ?? ttft))
        }
        if span.name == .attempt {
            // What the engine did next says more than the reason, which repeats the status.
            if let decision = span[attribute: SpanKeys.decision], decision != AttemptRecord.Decision.answered.rawValue {
                parts.append("\(glyphs.arrow) \(AttemptRecord.Decision(rawValue: decision)?.label ?? decision)")
            }
        } else if let note = span.message ?? span[attribute: SpanKeys.reason], !parts.contains(note) {
            parts.append(note)
        }
        if parts.isEmpty {
            parts = span.attributes.prefix(2).map { "\($0.key)=\($0.value)" }
        }
        return parts.joined(separator: "  ")
    }

    /// A title rule, then the details. Zoomed, they start at line `scroll` and the rule shows the position;
    /// otherwise they start at the top and, when they do not all fit, the last line says how to see the rest.
    func renderSpanDetail(_ detail: SpanDetail, _ rect: Rect, zoomed: Bool, scroll: Int, into grid: inout CellGrid) {
        guard rect.height > 0, rect.width > 2 else { return }
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), character: glyphs.horizontal,
                  style: Style(.border))
        let title = [TableCell(" ")] + detail.title + [TableCell(" ")]
        let used = TextLine(title).render(x: rect.x + 1, y: rect.y, width: rect.width - 2, into: &grid)
        let room = rect.height - 1
        guard room > 0 else { return }
        let lines = detail.lines(width: rect.width)
        if zoomed {
            let first = max(0, min(scroll, lines.count - room))
            let shown = lines.dropFirst(first).prefix(room)
            for (i, line) in shown.enumerated() {
                TextLine(line).render(x: rect.x, y: rect.y + 1 + i, width: rect.width, into: &grid)
            }
            let position = " \(first + 1)–\(first + shown.count) of \(lines.count) "
            if lines.count > room, rect.width - used > position.count + 3 {
                grid.putRight(position, rightEdge: rect.maxX - 1, y: rect.y, style: .muted, maxWidth: position.count)
            }
            return
        }
        let fits = lines.count <= room
        for (i, line) in lines.prefix(fits ? room : room - 1).enumerated() {
            TextLine(line).render(x: rect.x, y: rect.y + 1 + i, width: rect.width, into: &grid)
        }
        if !fits {
            let more = lines.count - (room - 1)
            grid.put("\(glyphs.ellipsis) \(more) more line\(more == 1 ? "" : "s") \(glyphs.separator) Enter shows the span in full",
                     x: rect.x, y: rect.maxY - 1, style: .muted, maxWidth: rect.width)
        }
    }
}

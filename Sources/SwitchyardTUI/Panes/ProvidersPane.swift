import SwitchyardCore

extension RenderContext {
    /// Provider rows: marker, status dot, name, status, share, req/s, error %, breaker glyph.
    @discardableResult
    func renderProviders(_ rect: Rect, into grid: inout CellGrid) -> PaneArea {
        // Only bare words filter providers; field terms concern requests.
        let badge = state.activeFilter.words.isEmpty ? "\(rows.providers.count)" : "\(rows.providers.count) match"
        let inner = block(.providers, badge: badge).render(rect, into: &grid, glyphs: glyphs)
        let columns = marked([
            Column("", 2), Column("provider", 9, flex: true, maxWidth: 14), Column("status", 8),
            Column("shr", 4, .right), Column("", 10, priority: 2), Column("req/s", 5, .right),
            Column("err%", 5, .right), Column("brk", 3), Column("infl", 4, .right, priority: 3),
            Column("deps", 4, .right, priority: 3), Column("kind", 17, priority: 4),
        ], .providers)
        let (sel, focused) = selection(.providers)
        let deps = snapshot?.deployments ?? []
        let body: [[TableCell]] = rows.providers.enumerated().map { i, p in
            let mine = deps.filter { $0.provider == p.name }
            let marker = i == sel ? String(glyphs.marker) : " "
            let brk: TableCell = p.openBreakers > 0
                ? TableCell("\(glyphs.breakerOpen)\(p.openBreakers > 1 ? "\(p.openBreakers)" : "")", Style(.bad, bold: true))
                : p.halfOpenBreakers > 0
                    ? TableCell(String(glyphs.breakerHalfOpen), Style(.warn))
                    : TableCell(String(glyphs.breakerClosed), Style(.ok))
            return [
                TableCell(marker + String(glyphs.dot), Style(statusRole(p.status))),
                TableCell(p.name, Style(p.enabled ? .text : .muted, bold: true)),
                TableCell(p.status.rawValue, Style(statusRole(p.status))),
                TableCell(Format.percent(p.trafficShare), .text),
                TableCell(shareBar(p.trafficShare, width: 10), Style(.chart1)),
                TableCell(Format.rate(p.requestsPerSecond)),
                TableCell(Format.percent(p.errorRate), Style(errorRole(p.errorRate))),
                brk,
                TableCell("\(mine.reduce(0) { $0 + $1.inFlight })", .muted),
                TableCell("\(mine.count)", .muted),
                TableCell(p.kind.rawValue, .muted),
            ]
        }
        let empty: String
        if snapshot != nil {
            empty = "no provider matches the filter"
        } else if case .disconnected(_, let reason, _, _)? = state.connection {
            empty = reason
        } else {
            empty = "waiting for the first snapshot…"
        }
        let table = Table(columns: columns, rows: body, selected: sel, highlight: focused, emptyText: empty)
        table.render(inner, into: &grid)
        return PaneArea(pane: .providers, frame: rect, list: table.listArea(in: inner))
    }

    func shareBar(_ f: Double, width: Int) -> String {
        let n = max(0, min(width, Int(saturating: (f * Double(width)).rounded())))
        return String(repeating: glyphs.gaugeFull, count: n) + String(repeating: " ", count: width - n)
    }

    /// A provider's deployments, full body: a summary line, the table, then its recent events.
    func renderProviderDetail(_ name: String, _ rect: Rect, into grid: inout CellGrid) {
        let inner = Block(title: "1 Providers › \(name)", focused: true, badge: "Esc back")
            .render(rect, into: &grid, glyphs: glyphs)
        guard inner.height > 2 else { return }
        let provider = snapshot?.providers.first { $0.name == name }
        let deps = PaneRows.deployments(of: name, in: snapshot)
        if let p = provider {
            TextLine([
                TableCell(p.name, Style(.title, bold: true)), TableCell("  "),
                TableCell(p.status.rawValue, Style(statusRole(p.status), bold: true)),
                TableCell("  \(p.kind.rawValue) · \(Format.rate(p.requestsPerSecond)) req/s · err \(Format.percent(p.errorRate)) · share \(Format.percent(p.trafficShare)) · \(deps.count) deployments", .muted),
            ]).render(x: inner.x, y: inner.y, width: inner.width, into: &grid)
        } else {
            grid.put("provider \(name) is no longer in the snapshot", x: inner.x, y: inner.y, style: Style(.warn),
                     maxWidth: inner.width)
        }
        let body = deps.enumerated().map { i, d in deploymentRow(d, selected: i == state.drillSelection) }
        let tableHeight = min(inner.height - 2, deps.count + 1)
        let tableRect = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(1, tableHeight))
        Table(columns: deploymentColumns, rows: body, selected: state.drillSelection, highlight: true,
              emptyText: "no deployments").render(tableRect, into: &grid)
        // Events that involve this provider's deployments, newest first, under the table.
        let ids = Set(deps.map(\.id))
        let related = (snapshot?.events ?? []).reversed().filter { e in
            [e.from, e.to].contains { $0.map(ids.contains) ?? false }
        }
        let logTop = tableRect.maxY + 1
        guard logTop < inner.maxY else { return }
        grid.put("recent events", x: inner.x, y: logTop, style: Style(.muted, bold: true), maxWidth: inner.width)
        let logRect = Rect(x: inner.x, y: logTop + 1, width: inner.width, height: inner.maxY - logTop - 1)
        renderEventLines(Array(related), logRect, into: &grid, selected: nil)
    }

    /// Columns of a deployments table: every figure the snapshot has for a deployment.
    var deploymentColumns: [Column] {
        [
            Column("", 1), Column("deployment", 18, flex: true, maxWidth: 24),
            Column("upstream model", 16, priority: 2, flex: true, maxWidth: 30),
            Column("weight", 6, .right), Column("share", 5, .right), Column("req/s", 5, .right),
            Column("err%", 5, .right), Column("p50", 5, .right), Column("p95", 5, .right),
            Column("p99", 5, .right, priority: 3), Column("brk", 3), Column("infl", 4, .right, priority: 4),
            Column("$/Mtok in/out", 13, .right, priority: 5), Column("status", 12, flex: true),
        ]
    }

    /// One deployment's cells under `deploymentColumns`, marked when `selected`.
    func deploymentRow(_ d: DeploymentSnapshot, selected: Bool) -> [TableCell] {
        var status = d.status.rawValue
        if d.status == .cooling, let until = d.coolingUntil { status += " \(Format.duration(until - (snapshot?.time ?? 0)))" }
        return [
            TableCell(selected ? String(glyphs.marker) : " ", Style(.accent)),
            TableCell(d.id, Style(d.enabled ? .text : .muted, bold: true)),
            TableCell(d.upstreamModel, .muted),
            TableCell(Format.number(d.weight)), TableCell(Format.percent(d.trafficShare)),
            TableCell(Format.rate(d.requestsPerSecond)),
            TableCell(Format.percent(d.errorRate), Style(errorRole(d.errorRate))),
            TableCell(Format.latency(d.latencyP50)), TableCell(Format.latency(d.latencyP95)),
            TableCell(Format.latency(d.latencyP99), .muted),
            breakerGlyph(d.breaker),
            TableCell("\(d.inFlight)", .muted),
            TableCell("\(Format.number(d.price.inputPerMTok))/\(Format.number(d.price.outputPerMTok))", .muted),
            TableCell(status, Style(statusRole(d.status), bold: d.status != .healthy)),
        ]
    }
}

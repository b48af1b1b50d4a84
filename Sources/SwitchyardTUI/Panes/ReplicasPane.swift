import SwitchyardCore

extension RenderContext {
    /// A fleet's replicas: up or down (a stale heartbeat or a graceful stop), version, uptime, traffic, errors, p95.
    @discardableResult
    func renderReplicas(_ rect: Rect, into grid: inout CellGrid) -> PaneArea {
        let fleet = snapshot?.fleet
        let replicas = rows.replicas
        let down = fleet?.downCount ?? 0
        let badge = down > 0 ? "\(replicas.count) · \(down) down" : "\(replicas.count)"
        let inner = block(.replicas, badge: badge).render(rect, into: &grid, glyphs: glyphs)
        let columns = [
            Column("", 2), Column("replica", 10, flex: true, maxWidth: 24), Column("state", 7),
            Column("version", 7, priority: 3), Column("uptime", 7, .right), Column("req/s", 5, .right),
            Column("err%", 5, .right), Column("p95", 5, .right), Column("infl", 4, .right, priority: 2),
            Column("brk", 3, .right, priority: 2), Column("beat", 5, .right, priority: 4),
            Column("address", 15, priority: 5, flex: true, maxWidth: 22),
        ]
        let (sel, focused) = selection(.replicas)
        let now = snapshot?.time ?? 0
        let body: [[TableCell]] = replicas.enumerated().map { i, r in
            let marker = i == sel ? String(glyphs.marker) : " "
            let role: Role = r.isUp ? .ok : r.stopped ? .muted : .bad
            let watched = fleet?.watching == r.name
            return [
                TableCell(marker + String(glyphs.dot), Style(role)),
                TableCell(r.name, Style(r.isUp ? .text : .muted, bold: true, reverse: watched)),
                TableCell(r.state, Style(role, bold: !r.isUp)),
                TableCell(r.version, .muted),
                TableCell(Format.duration(max(0, now - r.startedAt)), .muted),
                TableCell(r.isUp ? Format.rate(r.requestsPerSecond) : "-"),
                TableCell(r.isUp ? Format.percent(r.errorRate) : "-", Style(errorRole(r.isUp ? r.errorRate : 0))),
                TableCell(r.isUp ? Format.latency(r.latencyP95) : "-"),
                TableCell(r.isUp ? "\(r.inFlight)" : "-", .muted),
                TableCell(r.isUp ? "\(r.openBreakers)" : "-", Style(r.isUp && r.openBreakers > 0 ? .bad : .muted)),
                TableCell(Format.durationShort(r.heartbeatAge), Style(r.isUp ? .muted : .bad)),
                TableCell(r.address ?? "", .muted),
            ]
        }
        let table = Table(columns: columns, rows: body, selected: sel, highlight: focused,
                          emptyText: "no replica has published a heartbeat yet")
        table.render(inner, into: &grid)
        return PaneArea(pane: .replicas, frame: rect, list: table.listArea(in: inner))
    }
}

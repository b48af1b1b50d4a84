import SwitchyardCore

extension RenderContext {
    /// A team, full body: a summary line, the team's own budgets, then every key of the team with its 24-hour
    /// spend, burn, requests and budget.
    func renderTeamDetail(_ team: String, _ rect: Rect, into grid: inout CellGrid) {
        let inner = Block(title: "\(Pane.budget.rawValue + 1) \(Pane.budget.title) › \(team)", focused: true,
                          badge: "Esc back").render(rect, into: &grid, glyphs: glyphs)
        guard inner.height > 2 else { return }
        let keys = TeamKey.keys(of: team, in: snapshot)
        let budgets = TeamKey.teamBudgets(of: team, in: snapshot)
        let teamSpender = TeamKey.teamSpender(team, in: snapshot)
        guard teamSpender != nil || !budgets.isEmpty || !keys.isEmpty else {
            grid.put("team \(team) is no longer in the snapshot", x: inner.x, y: inner.y, style: Style(.warn),
                     maxWidth: inner.width)
            return
        }
        // Without a team entry the team's figures are its keys' sums.
        let spent = teamSpender?.spent24h ?? keys.reduce(0) { $0 + $1.spent24h }
        let burn = teamSpender?.burnPerHour ?? keys.reduce(0) { $0 + ($1.spender?.burnPerHour ?? 0) }
        let requests = teamSpender?.requests24h ?? keys.reduce(0) { $0 + ($1.spender?.requests24h ?? 0) }
        let sep = " \(glyphs.separator) "
        TextLine([
            TableCell(team, Style(.title, bold: true)), TableCell("  "),
            TableCell(Format.dollarsPerHour(burn), Style(.text, bold: true)),
            TableCell(sep + "\(Format.dollarsShort(spent)) in 24 h" + sep + "\(requests) requests" + sep
                      + "\(keys.count) \(keys.count == 1 ? "key" : "keys")", .muted),
        ]).render(x: inner.x, y: inner.y, width: inner.width, into: &grid)

        var top = inner.y + 2
        if !budgets.isEmpty, top + 2 < inner.maxY {
            let height = min(budgets.count + 1, inner.maxY - top)
            BudgetTable(context: self, budgets: budgets)
                .render(Rect(x: inner.x, y: top, width: inner.width, height: height), selected: nil,
                        highlight: false, into: &grid)
            top += height + 1
        }
        guard top < inner.maxY else { return }
        let tableRect = Rect(x: inner.x, y: top, width: inner.width,
                             height: min(inner.maxY - top, max(1, keys.count) + 1))
        renderTeamKeys(keys, tableRect, into: &grid)
        // The team's requests still in the recent ring, newest first, under the keys.
        let logTop = tableRect.maxY + 1
        guard logTop + 1 < inner.maxY else { return }
        let recent = (snapshot?.requests ?? []).reversed().filter { $0.team == team }
        grid.put("recent requests", x: inner.x, y: logTop, style: Style(.muted, bold: true), maxWidth: inner.width)
        renderTeamRequests(Array(recent), Rect(x: inner.x, y: logTop + 1, width: inner.width, height: inner.maxY - logTop - 1),
                           into: &grid)
    }

    /// One line per request: time, key, model, status, latency, cost.
    func renderTeamRequests(_ requests: [RequestRecord], _ rect: Rect, into grid: inout CellGrid) {
        let columns = [
            Column("", 8), Column("", 14, flex: true, maxWidth: 24), Column("", 14, flex: true, maxWidth: 18),
            Column("", 3, .right), Column("", 7, .right), Column("", 8, .right, priority: 1),
            Column("", 10, priority: 2, flex: true, maxWidth: 60),
        ]
        let body: [[TableCell]] = requests.map { r in
            [
                TableCell(clock(r.time), .muted), TableCell(r.key ?? "-"), TableCell(r.model),
                TableCell("\(r.status)", Style(statusCodeRole(r.status), bold: r.status >= 400)),
                TableCell(Format.seconds(r.latency)), TableCell(Format.dollars(r.cost)),
                TableCell(r.errorMessage ?? (r.fellBack ? "fell back" : ""), r.errorMessage == nil ? .muted : Style(.bad)),
            ]
        }
        Table(columns: columns, rows: body, selected: nil, highlight: false, emptyText: "no recent requests",
              showsHeader: false).render(rect, into: &grid)
    }

    /// The team's keys: marker, key, $ 24 h, $/h, requests, then its budget's period, amounts, gauge and outlook.
    func renderTeamKeys(_ keys: [TeamKey], _ rect: Rect, into grid: inout CellGrid) {
        let budgets = keys.compactMap(\.budget)
        let budgetTable = BudgetTable(context: self, budgets: budgets)
        let nameWidth = max(8, keys.map(\.name.count).max() ?? 8)
        let moneyWidth = max(5, budgets.map { money($0).count }.max() ?? 5)
        let outlookWidth = min(24, max(9, budgets.map { budgetTable.outlook($0, width: .max).0.count }.max() ?? 9))
        let gaugeColumn = 7
        let columns = [
            Column("", 1), Column("key", nameWidth, flex: true, maxWidth: nameWidth, minWidth: min(nameWidth, 10)),
            Column("$ 24h", 7, .right), Column("$/h", 9, .right), Column("req 24h", 7, .right, priority: 2),
            Column("budget", 6, priority: 3), Column("spent", moneyWidth, .right),
            Column("", 10, flex: true, maxWidth: 30, minWidth: 4), Column("used", 4, .right),
            Column("outlook", min(13, outlookWidth), flex: true, maxWidth: outlookWidth, minWidth: min(9, outlookWidth)),
        ]
        let outlookShown = Column.layout(columns, total: rect.width).first { $0.index == columns.count - 1 }?.width ?? 9
        let body: [[TableCell]] = keys.enumerated().map { i, k in
            let marker = TableCell(i == state.drillSelection ? String(glyphs.marker) : " ", Style(.accent))
            let spend: [TableCell] = [
                TableCell(k.name, Style(.text, bold: true)),
                TableCell(k.spender.map { Format.dollarsShort($0.spent24h) } ?? "-", k.spender == nil ? .muted : .text),
                TableCell(k.spender.map { Format.dollarsPerHour($0.burnPerHour) } ?? "-",
                          (k.spender?.burnPerHour ?? 0) > 0 ? .text : .muted),
                TableCell(k.spender.map { "\($0.requests24h)" } ?? "-", .muted),
            ]
            guard let b = k.budget else {
                return [marker] + spend + [TableCell(""), TableCell(""), TableCell(""), TableCell(""),
                                           TableCell("no budget", .muted)]
            }
            let gauge = Gauge(fraction: b.fraction)
            let (text, role) = budgetTable.outlook(b, width: outlookShown)
            return [marker] + spend + [
                TableCell(b.period.rawValue, .muted), TableCell(money(b)), TableCell(""),
                TableCell(Format.percent(b.fraction), Style(gauge.role, bold: gauge.role != .ok)),
                TableCell(text, Style(role, bold: b.fraction >= 1)),
            ]
        }
        let table = Table(columns: columns, rows: body, selected: state.drillSelection, highlight: true,
                          emptyText: "no keys with spend or a budget")
        table.render(rect, into: &grid)
        overlayGauges(keys.map { $0.budget?.fraction }, column: gaugeColumn, of: table, in: rect, into: &grid)
    }
}

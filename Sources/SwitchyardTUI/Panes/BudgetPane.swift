import SwitchyardCore

extension RenderContext {
    /// Budget rows (see `BudgetTable`), then, when the pane has room, the top spenders of the last 24 hours.
    @discardableResult
    func renderBudget(_ rect: Rect, into grid: inout CellGrid) -> PaneArea {
        let exhausted = rows.budgets.filter { $0.fraction >= 1 }.count
        let inner = block(.budget, badge: exhausted > 0 ? "\(exhausted) exhausted" : nil)
            .render(rect, into: &grid, glyphs: glyphs)
        guard inner.height > 0 else { return PaneArea(pane: .budget, frame: rect, list: nil) }
        let (sel, focused) = selection(.budget)
        let spend = snapshot?.spend ?? SpendSnapshot()
        let keys = topKeys(spend)
        let budgetLines = max(1, rows.budgets.count)
        // The table header costs a line: show it when every budget still fits, or when the burn columns it names
        // are on screen.
        let table = BudgetTable(context: self, budgets: rows.budgets, sortedPane: .budget)
        let layout = Column.layout(table.columns, total: inner.width)
        let header = inner.height > budgetLines || layout.contains { $0.index == BudgetTable.burnColumn }
        var list: ListArea?
        if rows.budgets.isEmpty {
            grid.put("no budgets configured", x: inner.x, y: inner.y, style: .muted, maxWidth: inner.width)
        } else {
            let height = min(inner.height, budgetLines + (header ? 1 : 0))
            list = table.render(Rect(x: inner.x, y: inner.y, width: inner.width, height: height), selected: sel,
                                highlight: focused, header: header, into: &grid)
        }
        let used = budgetLines + (header && !rows.budgets.isEmpty ? 1 : 0)
        let spare = Rect(x: inner.x, y: inner.y + used, width: inner.width, height: inner.height - used)
        renderTopSpenders(keys, unpriced: spend.unpricedRequests24h, spare, into: &grid)
        return PaneArea(pane: .budget, frame: rect, list: list)
    }

    /// The keys with the highest 24-hour spend, highest first.
    func topKeys(_ spend: SpendSnapshot) -> [SpenderSnapshot] {
        let keys = spend.spenders.filter { $0.kind == .key && $0.spent24h > 0 }
        return keys.indices.sorted { a, b in
            keys[a].spent24h != keys[b].spent24h ? keys[a].spent24h > keys[b].spent24h : a < b
        }.map { keys[$0] }
    }

    /// Lines the top-spenders section wants: a heading, up to `maxTopSpenders` keys, the unknown-cost warning.
    static func topSpendersLines(keys: Int, unpriced: Int) -> Int {
        guard keys > 0 || unpriced > 0 else { return 0 }
        return 1 + min(maxTopSpenders, keys) + (unpriced > 0 ? 1 : 0)
    }

    /// Most keys listed under "top spenders".
    static let maxTopSpenders = 5
    /// Fewest keys worth a "top spenders" section: with less room it is left out.
    static let minTopSpenders = 3

    /// "top spenders (24 h)" with key, $ over 24 h, $/h now and requests; then "N requests of unknown cost".
    /// Drawn only when `rect` holds the heading, at least a few keys and the warning.
    func renderTopSpenders(_ keys: [SpenderSnapshot], unpriced: Int, _ rect: Rect, into grid: inout CellGrid) {
        let warning = unpriced > 0 ? 1 : 0
        let needed = 1 + min(Self.minTopSpenders, keys.count) + warning
        guard keys.count + warning > 0, rect.height >= needed, rect.width > 0 else { return }
        grid.put("top spenders (24 h)", x: rect.x, y: rect.y, style: Style(.muted, bold: true), maxWidth: rect.width)
        let shown = Array(keys.prefix(min(Self.maxTopSpenders, rect.height - 1 - warning)))
        let nameWidth = shown.map(\.name.count).max() ?? 8
        let columns = [
            Column("", nameWidth, flex: true, maxWidth: nameWidth, minWidth: min(nameWidth, 10)),
            Column("", 7, .right), Column("", 9, .right), Column("", 10, .right, priority: 1),
            Column("", 12, priority: 2, flex: true, maxWidth: 20),
        ]
        let body: [[TableCell]] = shown.map { k in
            [
                TableCell(k.name, Style(.text, bold: true)),
                TableCell(Format.dollarsShort(k.spent24h)),
                TableCell(Format.dollarsPerHour(k.burnPerHour), k.burnPerHour > 0 ? .text : .muted),
                TableCell("\(Format.tokens(k.requests24h)) req", .muted),
                TableCell(k.team.map { "team \($0)" } ?? "", .muted),
            ]
        }
        let tableRect = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 2, height: shown.count)
        Table(columns: columns, rows: body, selected: nil, highlight: false, showsHeader: false)
            .render(tableRect, into: &grid)
        if unpriced > 0 {
            let noun = unpriced == 1 ? "request" : "requests"
            grid.put("\(unpriced) \(noun) of unknown cost (24 h)", x: rect.x, y: rect.y + 1 + shown.count,
                     style: Style(.warn, bold: true), maxWidth: rect.width)
        }
    }

    /// "$0.64/$1k": spent, then the limit as the round figure it was configured as.
    func money(_ b: BudgetSnapshot) -> String {
        "\(Format.dollarsShort(b.spent))/\(Format.dollarsRound(b.limit))"
    }

    func budgetLabel(_ b: BudgetSnapshot, wide: Bool) -> String {
        guard !wide else { return b.period == .total ? b.scope.label : "\(b.scope.label) · \(b.period.rawValue)" }
        let name: String
        switch b.scope {
        case .global: name = "global"
        case .team(let n), .key(let n), .model(let n): name = n
        }
        switch b.period {
        case .total: return name
        case .daily: return name + " day"
        case .weekly: return name + " wk"
        case .monthly: return name + " mo"
        }
    }
}

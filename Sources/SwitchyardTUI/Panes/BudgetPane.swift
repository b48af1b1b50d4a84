import SwitchyardCore

extension RenderContext {
    /// Gauges per budget: label, $spent/$limit, bar, %, burn $/h and time to exhaustion.
    func renderBudget(_ rect: Rect, into grid: inout CellGrid) {
        let inner = block(.budget).render(rect, into: &grid, glyphs: glyphs)
        guard inner.height > 0 else { return }
        if rows.budgets.isEmpty {
            grid.put("no budgets configured", x: inner.x, y: inner.y, style: .muted, maxWidth: inner.width)
            return
        }
        // Label and amount columns are as wide as their longest entry: amounts are never cut, and a label gives
        // way only when the pane is too narrow for the gauge's minimum.
        let labelWidth = rows.budgets.map { budgetLabel($0, wide: false).count }.max() ?? 8
        let moneyWidth = rows.budgets.map { money($0).count }.max() ?? 10
        let columns = [
            Column("", labelWidth, flex: true, maxWidth: labelWidth, minWidth: min(labelWidth, 10)),
            Column("", moneyWidth, .right), Column("", 4, flex: true, maxWidth: 40), Column("", 4, .right),
            Column("", 7, .right, priority: 1), Column("", 7, flex: true, maxWidth: 14),
        ]
        let layout = Column.layout(columns, total: inner.width)
        let (sel, focused) = selection(.budget)
        let offset = max(0, min(sel - inner.height + 1, rows.budgets.count - inner.height))
        for i in 0..<min(inner.height, rows.budgets.count - offset) {
            let b = rows.budgets[i + offset]
            let y = inner.y + i
            let gauge = Gauge(fraction: b.fraction)
            let selected = focused && i + offset == sel
            if selected { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(.selection)) }
            func style(_ s: Style) -> Style { selected ? Style(.selection, bold: s.bold) : s }
            var x = inner.x
            for (index, width) in layout {
                switch index {
                case 0: grid.put(budgetLabel(b, wide: false), x: x, y: y, style: style(Style(.text, bold: true)), maxWidth: width)
                case 1:
                    grid.putRight(money(b), rightEdge: x + width, y: y, style: style(.text), maxWidth: width)
                case 2: gauge.render(x: x, y: y, width: width, into: &grid, glyphs: glyphs)
                case 3:
                    grid.putRight(Format.percent(b.fraction), rightEdge: x + width, y: y,
                                  style: Style(gauge.role, bold: gauge.role != .ok), maxWidth: width)
                case 4:
                    grid.putRight("\(Format.dollarsShort(b.burnPerHour))/h", rightEdge: x + width, y: y,
                                  style: style(b.burnPerHour > 0 ? .text : .muted), maxWidth: width)
                default:
                    let long = width >= 13
                    let out: String
                    if b.fraction >= 1 { out = long ? "exhausted" : "over" }
                    else if let s = b.secondsToExhaustion { out = long ? "out in \(Format.duration(s))" : Format.duration(s) }
                    else { out = long ? "not burning" : "-" }
                    let role: Role = b.fraction >= 1 ? .bad : ((b.secondsToExhaustion ?? .infinity) < 86400 ? .warn : .muted)
                    grid.put(out, x: x, y: y, style: style(Style(role, bold: role == .bad)), maxWidth: width)
                }
                x += width + 1
            }
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

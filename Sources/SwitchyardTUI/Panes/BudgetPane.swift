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
        let wide = inner.width >= 60
        let labelWidth = min(wide ? 14 : 13, rows.budgets.map { budgetLabel($0, wide: false).count }.max() ?? 8)
        let moneyWidth = wide ? 11 : 10
        let tailWidth = wide ? 22 : 6
        let barWidth = min(40, max(4, inner.width - labelWidth - moneyWidth - tailWidth - 4 - 5))
        let (sel, focused) = selection(.budget)
        let offset = max(0, min(sel - inner.height + 1, rows.budgets.count - inner.height))
        for i in 0..<min(inner.height, rows.budgets.count - offset) {
            let b = rows.budgets[i + offset]
            let y = inner.y + i
            let gauge = Gauge(fraction: b.fraction)
            let selected = focused && i + offset == sel
            var x = inner.x
            let labelStyle = selected ? Style(.selection, bold: true) : Style(.text, bold: true)
            if selected { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(.selection)) }
            grid.put(budgetLabel(b, wide: false), x: x, y: y, style: labelStyle, maxWidth: labelWidth)
            x += labelWidth + 1
            let money = "\(Format.dollarsShort(b.spent))/\(Format.dollarsShort(b.limit))"
            grid.putRight(money, rightEdge: x + moneyWidth, y: y, style: selected ? Style(.selection) : .text, maxWidth: moneyWidth)
            x += moneyWidth + 1
            gauge.render(x: x, y: y, width: barWidth, into: &grid, glyphs: glyphs)
            x += barWidth + 1
            grid.putRight(Format.percent(b.fraction), rightEdge: x + 4, y: y, style: Style(gauge.role, bold: gauge.role != .ok), maxWidth: 4)
            x += 5
            let out: String
            if b.fraction >= 1 { out = wide ? "exhausted" : "over" }
            else if let s = b.secondsToExhaustion { out = wide ? "out in \(Format.duration(s))" : Format.duration(s) }
            else { out = wide ? "not burning" : "-" }
            let outRole: Role = b.fraction >= 1 ? .bad : ((b.secondsToExhaustion ?? .infinity) < 86400 ? .warn : .muted)
            if wide {
                let burn = "\(Format.dollarsShort(b.burnPerHour))/h"
                grid.putRight(burn, rightEdge: x + 8, y: y, style: selected ? Style(.selection) : .text, maxWidth: 8)
                x += 9
            }
            grid.put(out, x: x, y: y, style: selected ? Style(.selection) : Style(outRole), maxWidth: inner.maxX - x)
        }
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

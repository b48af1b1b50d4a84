import SwitchyardCore

/// Budget rows as a table: label, $spent/$limit, gauge, % used, burn now and over 24 h, and the outlook.
/// Shared by the Budget pane and a team's detail view.
struct BudgetTable {
    /// Index of the gauge column (its cells are blank; the gauges are drawn over them).
    static let gaugeColumn = 2
    /// Index of the recent-burn column, the first to name what a header would explain.
    static let burnColumn = 4

    let context: RenderContext
    let budgets: [BudgetSnapshot]
    /// The pane whose sort arrow the headers show, if any.
    var sortedPane: Pane? = nil

    var glyphs: Glyphs { context.glyphs }
    var now: Double { context.snapshot?.time ?? 0 }

    /// Amounts are as wide as their longest entry, so they are never cut; when narrow the 24 h burn goes first,
    /// then the recent burn, then the gauge and the label shrink (the outlook keeps room for "→ gpt-4o-mini").
    var columns: [Column] {
        let labelWidth = budgets.map { context.budgetLabel($0, wide: false).count }.max() ?? 8
        let moneyWidth = max(5, budgets.map { context.money($0).count }.max() ?? 10)
        let outlookWidth = min(24, max(8, budgets.map { outlook($0, width: .max).0.count }.max() ?? 8))
        // Room for every budget's shortest phrase (a downgrade target cannot be abbreviated).
        let outlookFloor = min(outlookWidth, max(13, budgets.map { outlook($0, width: 0).0.count }.max() ?? 0))
        let columns = [
            Column("budget", labelWidth, flex: true, maxWidth: labelWidth, minWidth: min(labelWidth, 10)),
            Column("spent", moneyWidth, .right), Column("", 7, flex: true, maxWidth: 30, minWidth: 4),
            Column("used", 4, .right), Column("$/h", 7, .right, priority: 1),
            Column("24h $/h", 7, .right, priority: 2),
            Column("outlook", outlookFloor, flex: true, maxWidth: outlookWidth, minWidth: outlookFloor),
        ]
        return sortedPane.map { context.marked(columns, $0) } ?? columns
    }

    /// One row of cells per budget, the gauge column left blank.
    func rows(width: Int) -> [[TableCell]] {
        let layout = Column.layout(columns, total: width)
        let outlookWidth = layout.first { $0.index == columns.count - 1 }?.width ?? 7
        return budgets.map { b in
            let gauge = Gauge(fraction: b.fraction)
            let (text, role) = outlook(b, width: outlookWidth)
            return [
                TableCell(context.budgetLabel(b, wide: false), Style(.text, bold: true)),
                TableCell(context.money(b)),
                TableCell(""),
                TableCell(Format.percent(b.fraction), Style(gauge.role, bold: gauge.role != .ok)),
                TableCell("\(Format.dollarsShort(b.burnPerHour))/h", b.burnPerHour > 0 ? .text : .muted),
                TableCell("\(Format.dollarsShort(b.burnPerHour24h))/h", .muted),
                TableCell(text, Style(role, bold: b.fraction >= 1)),
            ]
        }
    }

    /// Draws the table into `rect` (with a header line when `header`) and its gauges, keeping row `selected` in view.
    @discardableResult
    func render(_ rect: Rect, selected: Int?, highlight: Bool, header: Bool = true, into grid: inout CellGrid) -> ListArea {
        let table = Table(columns: columns, rows: rows(width: rect.width), selected: selected, highlight: highlight,
                          emptyText: "no budgets configured", showsHeader: header)
        table.render(rect, into: &grid)
        context.overlayGauges(budgets.map(\.fraction), column: Self.gaugeColumn, of: table, in: rect, into: &grid)
        return table.listArea(in: rect)
    }

    /// What happens next to budget `b`, as long a phrase as fits `width`: when it runs out, that it has (and when
    /// it resets), or the model group its requests are moved to.
    func outlook(_ b: BudgetSnapshot, width: Int) -> (String, Role) {
        let sep = " \(glyphs.separator) "
        if b.fraction >= 1 {
            if let cheaper = b.downgradeTo {
                // Still serving, on the cheaper group: a warning, not a refusal.
                return (Format.fitting(["exhausted \(glyphs.arrow) \(cheaper)", "\(glyphs.arrow) \(cheaper)"], width: width), .warn)
            }
            if let reset = b.resetsAt {
                let resets = "resets \(Format.durationShort(reset - now))"
                return (Format.fitting(["exhausted\(sep)\(resets)", resets, "over"], width: width), .bad)
            }
            return (Format.fitting(["exhausted", "over"], width: width), .bad)
        }
        // At this burn it would run out only after it resets: nothing to warn about this period.
        if let seconds = b.secondsToExhaustion, let reset = b.resetsAt, now + seconds >= reset {
            return (Format.fitting(["lasts the period", "lasts"], width: width), .muted)
        }
        if let seconds = b.secondsToExhaustion {
            let when = Format.duration(seconds)
            return (Format.fitting(["out in \(when)", when], width: width), seconds < 86400 ? .warn : .muted)
        }
        return (Format.fitting(["not burning", "-"], width: width), .muted)
    }
}

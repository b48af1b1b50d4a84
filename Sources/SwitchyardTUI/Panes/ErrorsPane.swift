import SwitchyardCore

extension RenderContext {
    /// One row per error class: sparkline of errors/s and the current rate.
    @discardableResult
    func renderErrors(_ rect: Rect, into grid: inout CellGrid) -> PaneArea {
        let total = rows.errors.reduce(0) { $0 + $1.perSecond }
        let inner = block(.errors, badge: "\(Format.rate(total))/s").render(rect, into: &grid, glyphs: glyphs)
        let labelWidth = 7
        let rateWidth = 6
        let sparkWidth = max(3, inner.width - labelWidth - rateWidth - 2)
        let (sel, focused) = selection(.errors)
        let visible = inner.height
        let offset = max(0, min(sel - visible + 1, rows.errors.count - visible))
        // A shared scale so classes compare at a glance.
        let top = rows.errors.flatMap { $0.series.suffix(sparkWidth) }.max() ?? 0
        for i in 0..<max(0, min(visible, rows.errors.count - offset)) {
            let e = rows.errors[i + offset]
            let y = inner.y + i
            let selected = focused && i + offset == sel
            let role: Role = e.perSecond == 0 ? .muted : (e.errorClass == .rateLimited ? .warn : .bad)
            if selected { grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(.selection)) }
            grid.put(e.errorClass.rawValue, x: inner.x, y: y, style: selected ? Style(.selection) : Style(.text, bold: true),
                     maxWidth: labelWidth)
            Sparkline(e.series, style: selected ? Style(.selection) : Style(role), maximum: top)
                .render(x: inner.x + labelWidth + 1, y: y, width: sparkWidth, into: &grid, glyphs: glyphs)
            grid.putRight(Format.rate(e.perSecond), rightEdge: inner.maxX, y: y,
                          style: selected ? Style(.selection) : Style(role), maxWidth: rateWidth)
        }
        if rows.errors.isEmpty { grid.put("no errors recorded", x: inner.x, y: inner.y, style: .muted, maxWidth: inner.width) }
        return PaneArea(pane: .errors, frame: rect,
                        list: ListArea(headerY: nil, top: inner.y, visible: max(0, visible), first: offset, count: rows.errors.count))
    }
}

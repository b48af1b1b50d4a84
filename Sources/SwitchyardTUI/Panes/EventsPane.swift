import SwitchyardCore

extension RenderContext {
    /// Live log of fallbacks (and breaker, cooldown, ejection, override events), newest on top.
    @discardableResult
    func renderEvents(_ rect: Rect, into grid: inout CellGrid) -> PaneArea {
        let badge = snapshot.map { "\(Format.number(($0.totals.fallbacksPerMinute * 10).rounded() / 10))/min" }
        let inner = block(.events, badge: badge).render(rect, into: &grid, glyphs: glyphs)
        let (sel, focused) = selection(.events)
        let first = renderEventLines(rows.events, inner, into: &grid, selected: focused ? sel : nil)
        return PaneArea(pane: .events, frame: rect,
                        list: ListArea(headerY: nil, top: inner.y, visible: inner.height, first: first, count: rows.events.count))
    }

    /// Event lines in `rect`: time, kind, model, from→to, reason; scrolled to keep `selected` visible. Returns the
    /// index of the event on the first line.
    @discardableResult
    func renderEventLines(_ events: [GatewayEvent], _ rect: Rect, into grid: inout CellGrid, selected: Int?) -> Int {
        guard rect.height > 0 else { return 0 }
        if events.isEmpty {
            grid.put("no events yet", x: rect.x, y: rect.y, style: .muted, maxWidth: rect.width)
            return 0
        }
        let sel = selected ?? 0
        let offset = max(0, min(sel - rect.height + 1, events.count - rect.height))
        for i in 0..<min(rect.height, events.count - offset) {
            let e = events[i + offset]
            let y = rect.y + i
            let (label, role) = eventLabel(e.kind)
            var segs = [TableCell(clock(e.time) + " ", .muted), TableCell(Format.pad(label, 9) + " ", Style(role, bold: e.kind == .fallback || e.kind == .breakerOpened))]
            // A group fallback names the group in `from`; don't repeat it.
            if let model = e.model, e.from != model { segs.append(TableCell(model + " ", Style(.text, bold: true))) }
            switch (e.from, e.to) {
            case let (from?, to?):
                segs += [TableCell(shortDeployment(from, model: e.model), .text), TableCell(glyphs.arrow, Style(.accent)),
                         TableCell(shortDeployment(to, model: e.model) + " ", .text)]
            case let (from?, nil):
                segs.append(TableCell(shortDeployment(from, model: e.model) + " ", .text))
            case let (nil, to?):
                segs += [TableCell(glyphs.arrow, Style(.accent)), TableCell(shortDeployment(to, model: e.model) + " ", .text)]
            case (nil, nil): break
            }
            segs.append(TableCell(e.reason, Style(role)))
            if selected == i + offset {
                segs = segs.map { TableCell($0.text, Style(.selection, bold: $0.style.bold)) }
                grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: Style(.selection))
            }
            TextLine(segs).render(x: rect.x, y: y, width: rect.width, into: &grid)
        }
        return offset
    }

    func eventLabel(_ kind: GatewayEvent.Kind) -> (String, Role) {
        switch kind {
        case .fallback: ("fallback", .accent)
        case .breakerOpened: ("open", .bad)
        case .breakerHalfOpen: ("half-open", .warn)
        case .breakerClosed: ("closed", .ok)
        case .cooldown: ("cooldown", .warn)
        case .ejected: ("ejected", .bad)
        case .restored: ("restored", .ok)
        case .override: ("override", .chart3)
        }
    }
}

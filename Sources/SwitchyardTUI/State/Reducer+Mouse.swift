extension Reducer {
    /// Rows one wheel notch moves.
    static let wheelStep = 3

    /// The mouse, hit-tested against the frame the state draws (`Renderer.layout`): a click focuses the pane under
    /// it and selects the row under it, or sorts by the header under it (again: the other way round); a
    /// double-click selects and opens the row as Enter does; the wheel focuses the pane under it and moves its
    /// selection. In detail views and help the wheel scrolls as ↑/↓ do and clicks do nothing; while a dialog, the
    /// command line or the filter takes keys, the mouse is ignored.
    static func mouse(_ event: MouseEvent, _ s: inout DashboardState) -> [Effect] {
        let wheel: Key? = switch event.kind {
        case .wheelUp: .up
        case .wheelDown: .down
        case .click, .doubleClick: nil
        }
        switch s.overlay {
        case .help:
            if let wheel { for _ in 0..<wheelStep { _ = helpKey(wheel, &s) } }
            return []
        case .confirm, .confirmQuit, .columns:
            return []
        case .none:
            break
        }
        guard s.prompt == nil, !s.editingFilter else { return [] }
        if s.drill != nil {
            guard let wheel else { return [] }
            var effects: [Effect] = []
            for _ in 0..<wheelStep { effects += handleKey(wheel, &s) }
            return effects
        }
        guard let area = Renderer.layout(s).pane(at: event.x, event.y) else { return [] }
        if s.focus != area.pane { focus(area.pane, &s) }
        if let wheel {
            var effects: [Effect] = []
            for _ in 0..<wheelStep { effects += handleKey(wheel, &s) }
            return effects
        }
        guard let list = area.list else { return [] }
        if event.y == list.headerY, let header = list.header(at: event.x) {
            sortByHeader(header, of: area.pane, &s)
            return []
        }
        guard let row = list.row(at: event.y) else { return [] }
        if area.pane == .requests {
            moveInList(row - s.selected(.requests), &s)
        } else {
            s.selection[area.pane] = row
        }
        return event.kind == .doubleClick ? handleKey(.enter, &s) : []
    }
}

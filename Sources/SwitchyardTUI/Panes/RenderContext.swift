import SwitchyardCore

/// What pane renderers share for one frame: the state, its filtered rows and the glyph set.
struct RenderContext {
    let state: DashboardState
    let rows: PaneRows
    let glyphs: Glyphs

    var snapshot: GatewaySnapshot? { state.snapshot }

    func clock(_ t: Double) -> String { Format.clock(t, utcOffset: state.utcOffset) }

    /// Selected row of `pane` and whether to highlight it.
    func selection(_ pane: Pane) -> (Int, Bool) { (state.selected(pane), state.focus == pane) }

    /// `columns` with an arrow after the header `pane` is sorted by (`s`), the column widened to keep its header whole.
    func marked(_ columns: [Column], _ pane: Pane) -> [Column] {
        guard let order = state.sort[pane], let name = order.header(in: pane) else { return columns }
        let arrow = order.ascending(in: pane) ? glyphs.sortAscending : glyphs.sortDescending
        return columns.map { column in
            guard column.header == name else { return column }
            var c = column
            c.header += String(arrow)
            c.width = max(c.width, c.header.count)
            c.minWidth = max(c.minWidth, c.header.count)
            c.maxWidth = max(c.maxWidth, c.width)
            return c
        }
    }

    func block(_ pane: Pane, badge: String? = nil, title: String? = nil) -> Block {
        Block(title: "\(pane.rawValue + 1) \(title ?? pane.title)", focused: state.focus == pane, badge: badge)
    }

    /// Deployment id shortened for a line that already names the model ("gpt-4o/openai" → "openai").
    func shortDeployment(_ id: String?, model: String?) -> String {
        guard let id else { return "?" }
        if let model, id.hasPrefix(model + "/") { return String(id.dropFirst(model.count + 1)) }
        return id
    }

    func statusRole(_ s: HealthStatus) -> Role {
        switch s {
        case .healthy: .ok
        case .degraded, .cooling, .draining: .warn
        case .ejected, .open: .bad
        case .disabled: .muted
        }
    }

    func breakerGlyph(_ b: BreakerState) -> TableCell {
        switch b {
        case .closed: TableCell(String(glyphs.breakerClosed), Style(.ok))
        case .halfOpen: TableCell(String(glyphs.breakerHalfOpen), Style(.warn))
        case .open: TableCell(String(glyphs.breakerOpen), Style(.bad, bold: true))
        }
    }

    func errorRole(_ rate: Double) -> Role {
        if rate >= 0.10 { return .bad }
        if rate >= 0.02 { return .warn }
        return .text
    }

    func statusCodeRole(_ status: Int) -> Role {
        switch status {
        case 200..<300: .ok
        case 429: .warn
        default: .bad
        }
    }
}

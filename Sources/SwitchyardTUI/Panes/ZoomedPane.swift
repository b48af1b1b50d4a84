import SwitchyardCore

extension RenderContext {
    /// The focused pane on the whole body (`z`): the same pane with the columns and rows a shared band has no room
    /// for — every deployment under the providers, a tall trend of the selected model, the requests' ttft and team.
    func renderZoomed(_ rect: Rect, into grid: inout CellGrid) -> PaneArea {
        switch state.focus {
        case .providers: renderZoomedProviders(rect, into: &grid)
        case .latency: renderZoomedLatency(rect, into: &grid)
        case .errors: renderErrors(rect, into: &grid)
        case .events: renderEvents(rect, into: &grid)
        case .budget: renderBudget(rect, into: &grid)
        case .requests: renderRequests(rect, into: &grid)
        case .replicas: renderReplicas(rect, into: &grid)
        }
    }

    /// The providers, then every deployment with all its columns, grouped by provider.
    private func renderZoomedProviders(_ rect: Rect, into grid: inout CellGrid) -> PaneArea {
        let want = max(rows.providers.count, 1) + 3
        let top = min(want, max(5, rect.height / 2))
        let parts = rect.rows([top, rect.height - top])
        let area = renderProviders(parts[0], into: &grid)
        let deps = rows.providers.flatMap { PaneRows.deployments(of: $0.name, in: snapshot) }
        let inner = Block(title: "Deployments", focused: false, badge: "\(deps.count)")
            .render(parts[1], into: &grid, glyphs: glyphs)
        // The whole width is there: ids and upstream names need not be cut.
        var columns = deploymentColumns
        columns[1].maxWidth = max(columns[1].maxWidth, deps.map(\.id.count).max() ?? 0)
        columns[2].maxWidth = max(columns[2].maxWidth, deps.map(\.upstreamModel.count).max() ?? 0)
        Table(columns: columns, rows: deps.map { deploymentRow($0, selected: false) }, selected: nil,
              highlight: false, emptyText: "no deployments").render(inner, into: &grid)
        return area
    }

    /// The latency table, then the selected model's p50 trend as a chart the height of the rest.
    private func renderZoomedLatency(_ rect: Rect, into grid: inout CellGrid) -> PaneArea {
        let want = max(rows.models.count, 1) + 3
        let top = min(want, max(5, rect.height / 2))
        let parts = rect.rows([top, rect.height - top])
        let area = renderLatency(parts[0], into: &grid)
        let (sel, _) = selection(.latency)
        guard rows.models.indices.contains(sel) else { return area }
        let model = rows.models[sel]
        let peak = model.latencySeries.max() ?? 0
        let inner = Block(title: "p50 trend \(glyphs.separator) \(model.name)", focused: false,
                          badge: "peak \(Format.latency(peak))").render(parts[1], into: &grid, glyphs: glyphs)
        Sparkline(model.latencySeries, style: Style(.chart1)).render(inner, into: &grid, glyphs: glyphs)
        return area
    }
}

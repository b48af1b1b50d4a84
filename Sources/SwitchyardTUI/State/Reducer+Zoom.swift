import SwitchyardCore

extension Reducer {
    /// `z`: the focused pane fills the screen, or the six panes come back. Focus and selection are untouched, so
    /// restoring shows the same rows selected.
    static func toggleZoom(_ s: inout DashboardState) -> [Effect] {
        guard s.drill == nil else { return hint("z zooms a pane; this view already fills the screen", &s) }
        s.zoomed.toggle()
        return []
    }
}

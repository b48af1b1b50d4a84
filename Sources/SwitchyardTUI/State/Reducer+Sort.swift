import SwitchyardCore

extension Reducer {
    /// Panes whose selection stays on its row by id when rows reorder. Requests and events keep theirs by their own
    /// rules (following the newest, or pinned).
    static let selectionByID: [Pane] = [.providers, .latency, .budget]

    /// `s`: the focused table's next sort column; after the last, the snapshot's own order again.
    static func cycleSort(_ s: inout DashboardState) -> [Effect] {
        let pane = s.focus
        let columns = SortOrder.columns(of: pane)
        guard s.drill == nil, !columns.isEmpty else {
            return hint("s sorts the Providers, Latency, Budget and Requests tables", &s)
        }
        let next = (s.sort[pane]?.column).map { $0 + 1 } ?? 0
        resort(pane, to: next < columns.count ? SortOrder(column: next) : nil, &s)
        return []
    }

    /// `S`: the focused table's sort the other way round (the first column's, when it was unsorted).
    static func reverseSort(_ s: inout DashboardState) -> [Effect] {
        let pane = s.focus
        guard s.drill == nil, SortOrder.sorts(pane) else {
            return hint("S reverses the sort of the Providers, Latency, Budget and Requests tables", &s)
        }
        var order = s.sort[pane] ?? SortOrder(column: 0)
        order.reversed.toggle()
        resort(pane, to: order, &s)
        return []
    }

    /// A click on the header `header` of `pane`: sorts by that column, or reverses the sort when it already is.
    /// Headers of columns that do not sort only say which do.
    static func sortByHeader(_ header: String, of pane: Pane, _ s: inout DashboardState) {
        let columns = SortOrder.columns(of: pane)
        // The sorted column's header carries its arrow.
        guard let column = columns.firstIndex(where: { header == $0 || (header.hasPrefix($0) && header.count == $0.count + 1) })
        else {
            _ = hint("\(pane.title) sorts by " + columns.joined(separator: ", "), &s)
            return
        }
        var order = SortOrder(column: column)
        if let current = s.sort[pane], current.column == column { order.reversed = !current.reversed }
        resort(pane, to: order, &s)
    }

    /// Applies `order` to `pane`, keeping the selected row selected, and says what the table is sorted by.
    private static func resort(_ pane: Pane, to order: SortOrder?, _ s: inout DashboardState) {
        let before = s.rows
        s.sort[pane] = order
        keepSelection(of: pane, before: before, &s)
        if let order, let column = order.header(in: pane) {
            let way = order.ascending(in: pane) ? "smallest first" : "largest first"
            let text = SortOrder.textColumns.contains(column) ? (order.ascending(in: pane) ? "A to Z" : "Z to A") : way
            _ = hint("\(pane.title) sorted by \(column), \(text) (s next column, S reverse)", &s)
        } else {
            _ = hint("\(pane.title) in the gateway's order", &s)
        }
    }

    /// Moves `pane`'s selection to the row it was on in `before` (by id), when that row is still listed. The
    /// Requests list while following stays on its top row.
    static func keepSelection(of pane: Pane, before: PaneRows, _ s: inout DashboardState) {
        if pane == .requests, s.followRequests { s.selection[.requests] = 0; return }
        let old = before.ids(pane)
        let i = s.selected(pane)
        guard old.indices.contains(i), let now = s.rows.ids(pane).firstIndex(of: old[i]) else { return }
        s.selection[pane] = now
    }
}

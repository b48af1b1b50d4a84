extension Reducer {
    /// Keys of the column picker (`c`): ↑/↓ move, space or Enter shows or hides the column under the cursor, `r`
    /// restores the defaults, Esc, `c` or `q` close. Every change is stored for the next start.
    static func columnsKey(_ key: Key, _ s: inout DashboardState) -> [Effect] {
        let all = RequestColumn.allCases
        switch key {
        case .up, .char("k"): s.columnCursor -= 1
        case .down, .char("j"): s.columnCursor += 1
        case .home, .char("g"): s.columnCursor = 0
        case .end, .char("G"): s.columnCursor = all.count - 1
        case .char(" "), .enter, .char("x"):
            s.columnCursor = max(0, min(s.columnCursor, all.count - 1))
            let column = all[s.columnCursor]
            if s.requestColumns.contains(column) {
                guard s.requestColumns.count > 1 else { return hint("the Requests pane keeps at least one column", &s) }
                s.requestColumns.remove(column)
            } else {
                s.requestColumns.insert(column)
            }
            return [.savePreferences(DashboardPreferences(requestColumns: s.requestColumns))]
        case .char("r"):
            guard s.requestColumns != RequestColumn.defaults else { return [] }
            s.requestColumns = RequestColumn.defaults
            _ = hint("Requests columns: back to the defaults", &s)
            return [.savePreferences(DashboardPreferences(requestColumns: s.requestColumns))]
        case .esc, .char("c"), .char("q"): s.overlay = .none
        default: break
        }
        s.columnCursor = max(0, min(s.columnCursor, all.count - 1))
        return []
    }
}

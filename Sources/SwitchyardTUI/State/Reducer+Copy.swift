import SwitchyardCore

extension Reducer {
    /// `y`: copies what the view is about — the selected request's id, the open trace's id, a key of a team or the
    /// Budget pane — to the clipboard.
    static func copySelection(_ s: inout DashboardState) -> [Effect] {
        guard let text = copyTarget(s) else {
            return hint("y copies a request id (Requests, trace) or a key name (Budget, team keys)", &s)
        }
        _ = hint("copied \(text) to the clipboard", &s)
        return [.copy(text)]
    }

    /// The id or name `y` copies in the current view, if any.
    static func copyTarget(_ s: DashboardState) -> String? {
        switch s.drill {
        case .request(let id)?:
            // The trace id once the trace is here (what tracing backends search by); the request id before.
            if let trace = s.inspector?.trace, s.inspector?.requestID == id { return trace.traceID }
            return id
        case .team(let team)?:
            let keys = TeamKey.keys(of: team, in: s.snapshot)
            return keys.indices.contains(s.drillSelection) ? keys[s.drillSelection].name : nil
        case .provider?, .routing?:
            return nil
        case nil:
            break
        }
        let rows = s.rows
        let i = s.selected(s.focus)
        switch s.focus {
        case .requests:
            return rows.requests.indices.contains(i) ? rows.requests[i].id : nil
        case .budget:
            guard rows.budgets.indices.contains(i), case .key(let key) = rows.budgets[i].scope else { return nil }
            return key
        default:
            return nil
        }
    }
}

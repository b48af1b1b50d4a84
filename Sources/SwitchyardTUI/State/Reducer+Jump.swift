import SwitchyardCore

extension Reducer {
    /// `r`: filter Requests to what the selected row is about and focus the pane (k9s style).
    static func jumpToRequests(_ s: inout DashboardState) -> [Effect] {
        guard let expression = jumpFilter(s) else {
            return hint("r: select a provider, model, error class, event, budget, deployment or attempt to see its requests", &s)
        }
        s.filter = expression
        s.editingFilter = false
        focus(.requests, &s)
        follow(&s)
        s.statusMessage = "requests where \(s.activeFilter.description)"
        s.statusIsError = false
        return []
    }

    /// Enter on a Latency, Errors or Fallbacks row: the Requests list filtered to that row's requests, as `r` does,
    /// remembering what was on screen so that Esc comes back to it.
    static func openRequests(_ s: inout DashboardState) {
        guard let expression = jumpFilter(s), let subject = jumpSubject(s) else {
            _ = hint("Enter: select a row to see its requests", &s)
            return
        }
        let origin = JumpOrigin(filter: expression, leaving: s)
        _ = jumpToRequests(&s)
        s.jumpOrigin = origin
        let back = origin.previousFilter.isEmpty ? "Esc clears" : "Esc restores \(origin.previousFilter)"
        _ = hint("\(subject) — \(back)", &s)
    }

    /// Esc after `openRequests`: the filter, focus and selections from before it.
    static func returnFromJump(_ origin: JumpOrigin, _ s: inout DashboardState) {
        s.jumpOrigin = nil
        s.filter = origin.previousFilter
        focus(origin.focus, &s)
        s.selection = origin.selection
        follow(&s)
        _ = hint(origin.previousFilter.isEmpty ? "filter cleared" : "filter: \(origin.previousFilter)", &s)
    }

    /// What `openRequests` lists for the selected row, in words: "requests for gpt-4o".
    static func jumpSubject(_ s: DashboardState) -> String? {
        let rows = s.rows
        let i = s.selected(s.focus)
        switch s.focus {
        case .latency:
            return rows.models.indices.contains(i) ? "requests for \(rows.models[i].name)" : nil
        case .errors:
            return rows.errors.indices.contains(i) ? "requests that failed with \(rows.errors[i].errorClass.rawValue)" : nil
        case .events:
            guard rows.events.indices.contains(i) else { return nil }
            let e = rows.events[i]
            if e.kind == .fallback, let id = e.requestID { return "request \(id)" }
            if e.kind == .fallback { return e.model.map { "fallbacks of \($0)" } ?? "fallbacks" }
            if let from = e.from, from.contains("/") { return "requests to \(from)" }
            return e.model.map { "requests for \($0)" }
        default:
            return nil
        }
    }

    /// The filter expression for the selected row, if it concerns requests.
    static func jumpFilter(_ s: DashboardState) -> String? {
        switch s.drill {
        case .provider?:
            return selectedDeployment(s).map { "deployment=\($0.id)" }
        case .routing?:
            // The requests of the selected task's serving group.
            let rows = s.snapshot?.routing ?? []
            return rows.indices.contains(s.drillSelection) ? rows[s.drillSelection].group.map { "model=\($0)" } : nil
        case .team(let team)?:
            let keys = TeamKey.keys(of: team, in: s.snapshot)
            return keys.indices.contains(s.drillSelection) ? "key=\(keys[s.drillSelection].name)" : "team=\(team)"
        case .request(let id)?:
            // In a waterfall: the requests that went to the selected span's deployment.
            guard let trace = s.inspector?.trace, trace.id == id, trace.spans.indices.contains(s.drillSelection) else {
                return nil
            }
            return trace.spans[s.drillSelection][attribute: SpanKeys.deployment].map { "deployment=\($0)" }
        case nil:
            break
        }
        let rows = s.rows
        let i = s.selected(s.focus)
        switch s.focus {
        case .providers:
            return rows.providers.indices.contains(i) ? "provider=\(rows.providers[i].name)" : nil
        case .latency:
            return rows.models.indices.contains(i) ? "model=\(rows.models[i].name)" : nil
        case .errors:
            return rows.errors.indices.contains(i) ? errorFilter(rows.errors[i].errorClass) : nil
        case .events:
            return rows.events.indices.contains(i) ? eventFilter(rows.events[i]) : nil
        case .budget:
            guard rows.budgets.indices.contains(i) else { return nil }
            switch rows.budgets[i].scope {
            case .team(let team): return "team=\(team)"
            case .key(let key): return "key=\(key)"
            case .model(let model): return "model=\(model)"
            case .global: return nil
            }
        case .requests, .replicas:
            return nil
        }
    }

    /// Requests that met an error class on any attempt (the Errors pane counts attempts, not requests).
    static func errorFilter(_ c: ErrorClass) -> String {
        "class=\(c.rawValue)"
    }

    /// A fallback names its request when it can; otherwise the model's fallbacks. Other events concern the
    /// deployment they moved traffic from, or their model.
    static func eventFilter(_ e: GatewayEvent) -> String? {
        if e.kind == .fallback {
            if let id = e.requestID { return "id=\(id)" }
            return e.model.map { "model=\($0) fallback" } ?? "fallback"
        }
        if let from = e.from, from.contains("/") { return "deployment=\(from)" }
        return e.model.map { "model=\($0)" }
    }
}

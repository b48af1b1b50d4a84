import SwitchyardCore

/// The dashboard's pure state machine: key or event in, new state and effects out. No I/O.
public enum Reducer {
    /// Why `t` and `:theme` change nothing under NO_COLOR.
    static let noColorMessage = "NO_COLOR is set: the screen stays monochrome (unset it to switch themes)"
    /// Weight change per `+`/`-` press.
    public static let weightStep = 1.0

    /// Applies `action` to `state`.
    public static func reduce(_ state: DashboardState, _ action: Action) -> (DashboardState, [Effect]) {
        var s = state
        var effects: [Effect] = []
        switch action {
        case .snapshot(let snap):
            if s.paused { s.heldSnapshot = snap } else { apply(snap, &s) }
            clampSelections(&s)
        case .resize(let w, let h):
            s.width = w
            s.height = h
        case .commandResult(let result):
            s.statusMessage = result.message
            s.statusIsError = !result.ok
        case .feedError(let message):
            s.statusMessage = "feed error: \(message)"
            s.statusIsError = true
        case .connection(let connection):
            s.connection = connection
        case .tick(let now):
            s.clock = now
            if s.statusMessage != nil, let shown = s.statusShownAt, now - shown >= DashboardState.statusSeconds {
                s.statusMessage = nil
                s.statusIsError = false
            }
        case .traceLoaded(let id, let trace):
            guard s.inspector?.requestID == id, s.drill == .request(id) else { break }
            s.inspector?.load = trace.map(TraceLoad.loaded) ?? .missing
            s.inspector?.zoomed = false
            s.inspector?.scroll = 0
            // Open on the first failed step: that is usually why the request is being looked at.
            s.drillSelection = trace.map { Waterfall($0).firstInteresting } ?? 0
            clampSelections(&s)
        case .traceFailed(let id, let message):
            guard s.inspector?.requestID == id, s.drill == .request(id) else { break }
            s.inspector?.load = .failed(message)
        case .key(let key):
            effects = handleKey(key, &s)
            clampSelections(&s)
        case .mouse(let event):
            effects = mouse(event, &s)
            clampSelections(&s)
        }
        // Every new message, whichever action set it, is timed from now.
        if s.statusMessage != nil, s.statusMessage != state.statusMessage { s.statusShownAt = s.clock }
        return (s, effects)
    }

    /// Shows `snap`. Providers, models and budgets: the selection stays on its row. Requests: while following, the
    /// selection stays on the newest, like `tail -f`; otherwise on the pinned request as new ones arrive. Events: a
    /// selection below the top stays on its event.
    private static func apply(_ snap: GatewaySnapshot, _ s: inout DashboardState) {
        let eventSel = s.selected(.events)
        let before = s.rows
        var pinnedEvent: Int?
        if eventSel > 0 {
            pinnedEvent = before.events.indices.contains(eventSel) ? before.events[eventSel].sequence : nil
        }
        s.snapshot = snap
        // Sorted rows move as their values change: the selection stays on its provider, model or budget.
        for pane in selectionByID { keepSelection(of: pane, before: before, &s) }
        if s.followRequests { s.selection[.requests] = 0 }
        let pinnedRequest = s.followRequests ? nil : s.pinnedRequestID
        guard pinnedRequest != nil || pinnedEvent != nil else { return }
        let after = s.rows
        if let id = pinnedRequest, let i = after.requests.firstIndex(where: { $0.id == id }) {
            s.selection[.requests] = i
            s.keptRequest = after.requests[i]
        }
        if let seq = pinnedEvent, let i = after.events.firstIndex(where: { $0.sequence == seq }) { s.selection[.events] = i }
    }

    static func handleKey(_ key: Key, _ s: inout DashboardState) -> [Effect] {
        if key == .resize { return [] }
        switch s.overlay {
        case .help:
            return helpKey(key, &s)
        case .confirm(let command):
            switch key {
            case .char("y"), .char("Y"):
                s.overlay = .none
                s.statusMessage = "sending: \(command.summary)…"
                s.statusIsError = false
                return [.send(command)]
            case .char("n"), .char("N"), .esc:
                s.overlay = .none
                s.statusMessage = "cancelled: \(command.summary)"
                s.statusIsError = false
            default: break
            }
            return []
        case .confirmQuit:
            switch key {
            case .char("y"), .char("Y"): s.overlay = .none; return [.quit]
            case .char("n"), .char("N"), .esc: s.overlay = .none
            default: break
            }
            return []
        case .columns:
            return columnsKey(key, &s)
        case .none:
            break
        }
        if s.prompt != nil { return promptKey(key, &s) }
        if s.editingFilter { return editFilter(key, &s) }
        if case .request(let id)? = s.drill, key == .enter, case .failed? = s.inspector?.load {
            // Fetching failed (the gateway was unreachable, say): Enter asks again.
            s.inspector?.load = .loading
            return [.loadTrace(id)]
        }
        if case .request(let id)? = s.drill, s.inspector?.requestID == id, s.inspector?.trace != nil,
           let effects = inspectorKey(key, &s) {
            return effects
        }
        if s.drill == nil, s.focus == .requests, let effects = requestListKey(key, &s) { return effects }

        switch key {
        case .tab: focus(s.shows(s.focus.next) ? s.focus.next : s.focus.next.next, &s)
        case .backTab: focus(s.shows(s.focus.previous) ? s.focus.previous : s.focus.previous.previous, &s)
        case .char(let c) where ("1"..."7").contains(c):
            if let n = c.wholeNumberValue, let pane = Pane(rawValue: n - 1), s.shows(pane) { focus(pane, &s) }
        case .up, .char("k"): move(-1, &s)
        case .down, .char("j"): move(1, &s)
        case .pageUp: move(-10, &s)
        case .pageDown: move(10, &s)
        case .home, .char("g"): move(-Int.max / 2, &s)
        case .end, .char("G"): move(Int.max / 2, &s)
        case .enter:
            if s.drill == nil, s.focus == .replicas { return watchSelectedReplica(&s) }
            drillIn(&s)
        case .esc:
            if !s.drillStack.isEmpty {
                s.drillStack.removeLast()
                s.drillSelection = 0
                if s.drill == nil { s.inspector = nil }
            } else if s.zoomed {
                s.zoomed = false
            } else if s.watching != nil {
                return watchFleet(&s)
            } else if let origin = s.jumpOrigin, origin.filter == s.filter {
                returnFromJump(origin, &s)
            } else if !s.filter.isEmpty {
                s.filter = ""
                s.jumpOrigin = nil
                s.statusMessage = "filter cleared"
                s.statusIsError = false
            }
        case .char("r"): return jumpToRequests(&s)
        case .char("R"):
            guard s.drill != .routing else { break }
            s.drillStack.append(.routing)
            s.drillSelection = 0
        case .char("d"): return toggleEnabled(&s)
        case .char("+"), .char("="): return adjustWeight(+weightStep, &s)
        case .char("-"), .char("_"): return adjustWeight(-weightStep, &s)
        case .char("f"): return failover(&s)
        case .char("u"):
            guard s.snapshot?.canUndo ?? false else { return hint("nothing to undo", &s) }
            s.statusMessage = "sending: undo…"
            s.statusIsError = false
            return [.send(.undo)]
        case .char("/"):
            s.editingFilter = true
        case .char("s"): return cycleSort(&s)
        case .char("S"): return reverseSort(&s)
        case .char("z"): return toggleZoom(&s)
        case .char(":"): s.prompt = CommandPrompt()
        case .char("y"): return copySelection(&s)
        case .char("c"):
            s.overlay = .columns
            s.columnCursor = 0
        case .char(" "):
            s.paused.toggle()
            if !s.paused, let held = s.heldSnapshot {
                s.heldSnapshot = nil
                apply(held, &s)
            }
            s.statusMessage = s.paused ? "paused: snapshots held (space resumes)" : "resumed"
            s.statusIsError = false
        case .char("t"):
            if s.noColor { return hint(noColorMessage, &s) }
            let count = max(1, ThemeCatalog.builtinNames.count)
            s.themeIndex = (s.themeIndex + 1) % count
            s.statusMessage = "theme: \(ThemeCatalog.builtinNames[s.themeIndex % count])"
            s.statusIsError = false
            return [.setTheme(s.themeIndex)]
        case .char("?"), .f(1):
            s.overlay = .help
            s.helpScroll = 0
            s.helpSearch = HelpSearch()
        case .char("q"):
            if s.confirmQuit { s.overlay = .confirmQuit; return [] }
            return [.quit]
        default: break
        }
        return []
    }

    /// Keys while typing the filter: each change is parsed at once; a bad expression keeps the last valid filter
    /// applied (its error shows in the status line) and Enter will not leave until it is fixed or cleared.
    private static func editFilter(_ key: Key, _ s: inout DashboardState) -> [Effect] {
        let before = s.activeFilter
        switch key {
        case .enter:
            if s.filterError == nil { s.editingFilter = false }
        case .esc:
            s.editingFilter = false
            s.filter = ""
        case .backspace:
            if !s.filter.isEmpty { s.filter.removeLast() }
        case .char(let c) where !c.isNewline: s.filter.append(c)
        default: break
        }
        // Row sets change with the filter; restart selection at the top so it stays on a visible row, and let
        // the requests list follow the newest match.
        if s.activeFilter != before {
            s.selection = [:]
            follow(&s)
        }
        return []
    }

    static func focus(_ pane: Pane, _ s: inout DashboardState) {
        s.focus = pane
        s.drillStack = []
        s.drillSelection = 0
        s.inspector = nil
    }

    private static func move(_ delta: Int, _ s: inout DashboardState) {
        if s.drill != nil {
            s.drillSelection = s.drillSelection.addingReportingOverflow(delta).partialValue
        } else {
            s.selection[s.focus] = s.selected(s.focus).addingReportingOverflow(delta).partialValue
        }
    }

    private static func clampSelections(_ s: inout DashboardState) {
        let rows = s.rows
        for pane in Pane.allCases {
            s.selection[pane] = max(0, min(s.selected(pane), rows.count(pane) - 1))
        }
        // The pinned request stays listed after the ring moves on (it is kept); one the filter hides hands the pin
        // to the row now selected.
        if !s.followRequests {
            let i = s.selected(.requests)
            s.pinnedRequestID = rows.requests.indices.contains(i) ? rows.requests[i].id : nil
            s.keptRequest = rows.requests.indices.contains(i) ? rows.requests[i] : nil
        }
        if let drill = s.drill {
            let count: Int
            if case .request(let id) = drill, let trace = s.inspector?.trace, trace.id == id {
                count = trace.spans.count
            } else {
                count = PaneRows.drillCount(drill, in: s.snapshot)
            }
            s.drillSelection = max(0, min(s.drillSelection, count - 1))
        }
    }

    private static func drillIn(_ s: inout DashboardState) {
        guard s.drill == nil else { return }
        let rows = s.rows
        switch s.focus {
        case .providers:
            guard rows.providers.indices.contains(s.selected(.providers)) else { return }
            s.drillStack.append(.provider(rows.providers[s.selected(.providers)].name))
            s.drillSelection = 0
        case .requests:
            // Handled by `requestListKey` (it asks for the trace).
            return
        case .budget:
            guard rows.budgets.indices.contains(s.selected(.budget)) else { return }
            drillIntoBudget(rows.budgets[s.selected(.budget)], &s)
        case .latency, .errors, .events:
            openRequests(&s)
        case .replicas:
            // Handled by `watchSelectedReplica` (the feed switches what it sends).
            return
        }
    }

    /// A team row opens the team; a key row opens its team with the key selected; other rows only hint.
    private static func drillIntoBudget(_ budget: BudgetSnapshot, _ s: inout DashboardState) {
        switch budget.scope {
        case .team(let team):
            s.drillStack.append(.team(team))
            s.drillSelection = 0
        case .key(let key):
            guard let team = budget.team ?? s.snapshot?.spend.spenders.first(where: { $0.kind == .key && $0.name == key })?.team else {
                s.statusMessage = "key \(key) belongs to no team"
                s.statusIsError = false
                return
            }
            s.drillStack.append(.team(team))
            s.drillSelection = TeamKey.keys(of: team, in: s.snapshot).firstIndex { $0.name == key } ?? 0
        case .global, .model:
            s.statusMessage = "Enter on a team or key budget opens the team's keys"
            s.statusIsError = false
        }
    }

    /// The provider row selected in the Providers pane, when not drilled in.
    static func selectedProvider(_ s: DashboardState) -> ProviderSnapshot? {
        guard s.focus == .providers, s.drill == nil else { return nil }
        let rows = s.rows.providers
        return rows.indices.contains(s.selected(.providers)) ? rows[s.selected(.providers)] : nil
    }

    /// The deployment selected in a provider's detail view.
    static func selectedDeployment(_ s: DashboardState) -> DeploymentSnapshot? {
        guard case .provider(let name)? = s.drill else { return nil }
        let rows = PaneRows.deployments(of: name, in: s.snapshot)
        return rows.indices.contains(s.drillSelection) ? rows[s.drillSelection] : nil
    }

    private static func toggleEnabled(_ s: inout DashboardState) -> [Effect] {
        if let d = selectedDeployment(s) {
            s.overlay = .confirm(d.enabled ? .disableDeployment(d.id) : .enableDeployment(d.id))
        } else if let p = selectedProvider(s) {
            s.overlay = .confirm(p.enabled ? .disableProvider(p.name) : .enableProvider(p.name))
        } else {
            return hint("d: select a provider (1) or, after Enter, one of its deployments", &s)
        }
        return []
    }

    /// `+`/`-`: the selected deployment's weight one step up or down, asked y/n as `:weight` asks (0 takes the
    /// deployment out of rotation).
    private static func adjustWeight(_ delta: Double, _ s: inout DashboardState) -> [Effect] {
        guard let d = selectedDeployment(s) else {
            return hint("+/-: press Enter on a provider, then select a deployment", &s)
        }
        let weight = min(InputBounds.weight.upperBound, max(InputBounds.weight.lowerBound, d.weight + delta))
        guard weight != d.weight else { return hint("weight of \(d.id) is already \(Format.number(weight))", &s) }
        s.overlay = .confirm(.setWeight(deployment: d.id, weight: weight))
        return []
    }

    private static func failover(_ s: inout DashboardState) -> [Effect] {
        guard let d = selectedDeployment(s) else {
            return hint("f: press Enter on a provider, then select the deployment to fail away from", &s)
        }
        s.overlay = .confirm(.failover(model: d.model, from: d.id))
        return []
    }

    static func hint(_ message: String, _ s: inout DashboardState) -> [Effect] {
        s.statusMessage = message
        s.statusIsError = false
        return []
    }
}

import SwitchyardCore

extension Reducer {
    /// Keys of the Requests list: moving the selection stops following and pins the selected request; `f`, `G` or
    /// End follow the newest again; `g` or Home go to the oldest; Enter opens the request's trace. Nil: not a list
    /// key (the common handling applies).
    static func requestListKey(_ key: Key, _ s: inout DashboardState) -> [Effect]? {
        switch key {
        case .up, .char("k"): moveInList(-1, &s)
        case .down, .char("j"): moveInList(1, &s)
        case .pageUp: moveInList(-10, &s)
        case .pageDown: moveInList(10, &s)
        case .home, .char("g"): moveInList(Int.max / 2, &s)
        case .end, .char("G"), .char("f"):
            let wasFollowing = s.followRequests
            follow(&s)
            if !wasFollowing { _ = hint("following the newest request", &s) }
        case .enter: return openInspector(&s)
        default: return nil
        }
        return []
    }

    /// Keys of a loaded waterfall: j/k select a span (or, zoomed, scroll its details), Enter shows the span in full
    /// and back, `b` shows the request's bodies, Esc leaves the zoom, then the request. Nil: not a waterfall key.
    static func inspectorKey(_ key: Key, _ s: inout DashboardState) -> [Effect]? {
        guard var inspector = s.inspector, let trace = inspector.trace else { return nil }
        let delta: Int
        switch key {
        case .up, .char("k"): delta = -1
        case .down, .char("j"): delta = 1
        case .pageUp: delta = -10
        case .pageDown: delta = 10
        case .home, .char("g"): delta = -Int.max / 2
        case .end, .char("G"): delta = Int.max / 2
        case .enter:
            inspector.zoomed.toggle()
            inspector.scroll = 0
            s.inspector = inspector
            return []
        case .char("b"):
            s.drillSelection = 0
            inspector.zoomed = true
            // The bodies follow the root span's attributes: start there.
            inspector.scroll = bodyLine(trace, s)
            s.inspector = inspector
            return []
        case .esc:
            guard inspector.zoomed else { return nil }
            inspector.zoomed = false
            inspector.scroll = 0
            s.inspector = inspector
            return []
        default:
            return nil
        }
        if inspector.zoomed {
            inspector.scroll = max(0, min(maxScroll(trace, s), inspector.scroll.addingReportingOverflow(delta).partialValue))
        } else {
            s.drillSelection = max(0, min(trace.spans.count - 1, s.drillSelection.addingReportingOverflow(delta).partialValue))
        }
        s.inspector = inspector
        return []
    }

    /// Follow the newest request: selection on the top row, nothing pinned.
    static func follow(_ s: inout DashboardState) {
        s.followRequests = true
        s.pinnedRequestID = nil
        s.keptRequest = nil
        s.pausedAfter = nil
        s.selection[.requests] = 0
    }

    /// Stops following (remembering what was newest, to count what arrives later) and pins the selected request.
    static func pauseList(_ s: inout DashboardState, _ rows: PaneRows) {
        if s.followRequests {
            s.followRequests = false
            s.pausedAfter = rows.requests.first.map { $0.time + $0.latency }
        }
        let i = s.selected(.requests)
        s.pinnedRequestID = rows.requests.indices.contains(i) ? rows.requests[i].id : nil
        s.keptRequest = rows.requests.indices.contains(i) ? rows.requests[i] : nil
    }

    static func moveInList(_ delta: Int, _ s: inout DashboardState) {
        let rows = s.rows
        let moved = s.selected(.requests).addingReportingOverflow(delta).partialValue
        s.selection[.requests] = max(0, min(moved, rows.requests.count - 1))
        pauseList(&s, rows)
    }

    /// Enter on a request: the list stays paused on it (Esc comes back to it), the inspector opens on its attempts
    /// and the trace is asked for.
    private static func openInspector(_ s: inout DashboardState) -> [Effect] {
        let rows = s.rows
        guard rows.requests.indices.contains(s.selected(.requests)) else { return [] }
        return openTrace(rows.requests[s.selected(.requests)].id, &s)
    }

    /// The inspector on request `id` (Enter on it, or `:trace ID`): the Requests list focused and, when it lists the
    /// request, paused on it, so that Esc comes back to it.
    static func openTrace(_ id: String, _ s: inout DashboardState) -> [Effect] {
        focus(.requests, &s)
        let rows = s.rows
        if let i = rows.requests.firstIndex(where: { $0.id == id }) {
            s.selection[.requests] = i
            pauseList(&s, rows)
        }
        s.drillStack.append(.request(id))
        s.drillSelection = 0
        s.inspector = TraceInspector(requestID: id)
        return [.loadTrace(id)]
    }

    /// The zoomed view's last useful scroll position for the selected span at the current terminal size.
    private static func maxScroll(_ trace: RequestTrace, _ s: DashboardState) -> Int {
        let (lines, layout) = zoomedDetail(trace, s)
        return max(0, lines - layout.zoomLines)
    }

    /// The line where the root span's bodies start, so that `b` shows them first.
    private static func bodyLine(_ trace: RequestTrace, _ s: DashboardState) -> Int {
        guard let root = trace.spans.first else { return 0 }
        let layout = WaterfallLayout(inner: WaterfallLayout.inner(width: s.width, height: s.height), trace: trace)
        let detail = SpanDetail(span: root, trace: trace, glyphs: .unicode)
        let all = detail.lines(width: layout.zoom.width).count
        let bodies = detail.bodyLines(width: layout.zoom.width).count
        return max(0, min(all - bodies, all - layout.zoomLines))
    }

    private static func zoomedDetail(_ trace: RequestTrace, _ s: DashboardState) -> (Int, WaterfallLayout) {
        let layout = WaterfallLayout(inner: WaterfallLayout.inner(width: s.width, height: s.height), trace: trace)
        guard trace.spans.indices.contains(s.drillSelection) else { return (0, layout) }
        // Line counts do not depend on the glyph set beyond a few arrows; the Unicode set measures.
        let detail = SpanDetail(span: trace.spans[s.drillSelection], trace: trace, glyphs: .unicode)
        return (detail.lines(width: layout.zoom.width).count, layout)
    }
}

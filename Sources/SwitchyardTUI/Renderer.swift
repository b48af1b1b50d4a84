import SwitchyardCore

/// Draws the whole dashboard as a pure function of the state.
public enum Renderer {
    /// Smallest terminal the layout supports.
    public static let minimumWidth = 60
    /// Smallest terminal the layout supports.
    public static let minimumHeight = 16

    /// The frame for `state` at its terminal size.
    public static func render(_ state: DashboardState, glyphs: Glyphs) -> CellGrid {
        draw(state, glyphs: glyphs).grid
    }

    /// Where the frame for `state` puts its panes and rows (the same at every glyph set).
    public static func layout(_ state: DashboardState) -> ScreenLayout {
        draw(state, glyphs: .unicode).layout
    }

    private static func draw(_ state: DashboardState, glyphs: Glyphs) -> (grid: CellGrid, layout: ScreenLayout) {
        var layout = ScreenLayout()
        var grid = CellGrid(width: state.width, height: state.height, ellipsis: glyphs.ellipsis,
                            asciiOnly: !glyphs.isUnicode)
        guard state.width >= minimumWidth, state.height >= minimumHeight else {
            let message = "terminal too small: need ≥ \(minimumWidth)×\(minimumHeight), have \(state.width)×\(state.height)"
            let text = glyphs.isUnicode ? message : CellGrid.ascii(message)
            let lines = wrap(text, width: max(1, state.width - 2))
            for (i, line) in lines.enumerated() {
                let y = state.height / 2 - lines.count / 2 + i
                grid.put(line, x: max(0, (state.width - line.count) / 2), y: y, style: Style(.warn, bold: true))
            }
            return (grid, layout)
        }
        let ctx = RenderContext(state: state, rows: state.rows, glyphs: glyphs)
        renderHeader(ctx, into: &grid)
        let body = Rect(x: 0, y: 1, width: state.width, height: state.height - 2)
        switch state.drill {
        case .provider(let name)?: ctx.renderProviderDetail(name, body, into: &grid)
        case .request(let id)?: ctx.renderInspector(id, body, into: &grid)
        case .team(let name)?: ctx.renderTeamDetail(name, body, into: &grid)
        case .routing?: ctx.renderRouting(body, into: &grid)
        case nil where state.zoomed: layout.panes = [ctx.renderZoomed(body, into: &grid)]
        case nil where state.isFleet:
            // A fleet's replicas above the usual panes, sized to its rows while the panes keep their minimum.
            let want = max(1, ctx.rows.replicas.count) + 3
            let band = min(want, max(4, body.height - 14))
            let parts = body.rows([band, body.height - band])
            layout.panes = [ctx.renderReplicas(parts[0], into: &grid)] + renderPanes(ctx, parts[1], into: &grid)
        case nil: layout.panes = renderPanes(ctx, body, into: &grid)
        }
        // Keep the last snapshot readable while detached, but visibly not live.
        if state.isStale { grid.dim(body) }
        renderFooter(ctx, into: &grid)
        switch state.overlay {
        case .none: break
        case .help: HelpOverlay(scroll: state.helpScroll, search: state.helpSearch).render(body, into: &grid, glyphs: glyphs)
        case .confirm(let command): ConfirmDialog(question: question(command)).render(body, into: &grid, glyphs: glyphs)
        case .confirmQuit: ConfirmDialog(question: "Quit and stop the gateway?").render(body, into: &grid, glyphs: glyphs)
        case .columns:
            ColumnPicker(shown: state.requestColumns, cursor: state.columnCursor).render(body, into: &grid, glyphs: glyphs)
        }
        return (grid, layout)
    }

    /// The y/n question for a command.
    public static func question(_ command: ControlCommand) -> String {
        switch command {
        case .disableProvider(let p): "Disable provider \(p)? Its traffic moves to other providers."
        case .enableProvider(let p): "Enable provider \(p)?"
        case .disableDeployment(let d): "Disable deployment \(d)?"
        case .enableDeployment(let d): "Enable deployment \(d)?"
        case .failover(let m, let from): "Fail \(m) over away from \(from)?"
        case .setWeight(let d, let w): "Set the weight of \(d) to \(Format.number(w))?"
        default: "\(command.summary)?"
        }
    }

    /// Three bands: Providers | Latency, Errors | Budget, Fallbacks | Requests. The first two are sized to their
    /// rows; the live lists at the bottom get the rest. The middle band may take more than half of what the top
    /// two share when the top band needs less (room for the budgets' top spenders).
    static func renderPanes(_ ctx: RenderContext, _ body: Rect, into grid: inout CellGrid) -> [PaneArea] {
        let wide = body.width >= 120
        let rows = ctx.rows
        let bottomMin = max(5, body.height * 3 / 10)
        let topWant = max(rows.providers.count, rows.models.count, 3) + 3
        let shared = body.height - bottomMin
        let middleWant = max(rows.errors.count, budgetLines(ctx), 3) + 2
        let middle = max(4, min(middleWant, shared - min(topWant, shared - shared / 2)))
        let top = max(5, min(topWant, body.height - bottomMin - middle))
        let bands = body.rows([top, middle, body.height - top - middle])
        let upper = bands[0].columns(fractions: wide ? [0.5, 0.5] : [0.55, 0.45])
        let center = bands[1].columns(fractions: wide ? [0.4, 0.6] : [0.36, 0.64])
        let lower = bands[2].columns(fractions: wide ? [0.4, 0.6] : [0.45, 0.55])
        return [
            ctx.renderProviders(upper[0], into: &grid), ctx.renderLatency(upper[1], into: &grid),
            ctx.renderErrors(center[0], into: &grid), ctx.renderBudget(center[1], into: &grid),
            ctx.renderEvents(lower[0], into: &grid), ctx.renderRequests(lower[1], into: &grid),
        ]
    }

    /// Lines the Budget pane wants: a header and every budget, then the top spenders.
    static func budgetLines(_ ctx: RenderContext) -> Int {
        let spend = ctx.snapshot?.spend ?? SpendSnapshot()
        let keys = ctx.topKeys(spend).count
        return max(1, ctx.rows.budgets.count) + 1
            + RenderContext.topSpendersLines(keys: keys, unpriced: spend.unpricedRequests24h)
    }

    /// `switchyard · demo · 127.0.0.1:8787 · 412 req/s · err 1.2% · $3.41/h · PAUSED · 12:04:31 · ? help`,
    /// dropping the least important parts when narrow.
    static func renderHeader(_ ctx: RenderContext, into grid: inout CellGrid) {
        let state = ctx.state
        grid.fill(Rect(x: 0, y: 0, width: state.width, height: 1), style: Style(.background))
        // (priority: lower is dropped last, segment)
        var parts: [(Int, TableCell)] = [(0, TableCell("switchyard", Style(.title, bold: true)))]
        parts += connectionParts(state)
        if let s = state.snapshot {
            let demo = s.info.mode == "demo"
            if let fleet = s.fleet {
                parts += fleetParts(fleet, watching: state.watching, separator: ctx.glyphs.separator)
            } else {
                parts.append((1, TableCell(demo ? "DEMO" : s.info.mode, demo ? Style(.accent, bold: true, reverse: true) : Style(.accent, bold: true))))
            }
            if demo { parts.append((8, TableCell("simulated traffic", Style(.accent)))) }
            parts += sharedStateParts(s)
            if let address = s.info.address { parts.append((7, TableCell(address, .muted))) }
            parts.append((2, TableCell("\(Format.rate(s.totals.requestsPerSecond)) req/s", Style(.text, bold: true))))
            parts.append((3, TableCell("err \(Format.percent(s.totals.errorRate))", Style(ctx.errorRole(s.totals.errorRate), bold: true))))
            parts += spendParts(s)
            parts.append((9, TableCell("\(Format.tokens(Int(s.totals.tokensPerSecond.rounded()))) tok/s", .muted)))
            parts.append((10, TableCell("v\(s.info.version)", .muted)))
        } else if state.connection == nil {
            parts.append((1, TableCell("connecting…", .muted)))
        }
        if state.paused { parts.append((0, TableCell(" PAUSED ", Style(.warn, bold: true, reverse: true)))) }
        if let s = state.snapshot {
            parts.append((state.isStale ? 1 : 5, state.isStale ? TableCell("last seen \(ctx.clock(s.time))", Style(.warn, bold: true))
                                           : TableCell(ctx.clock(s.time), .text)))
        }
        parts.append((6, TableCell("? help", .muted)))
        let sep = " \(ctx.glyphs.separator) "
        var kept = parts
        func length(_ p: [(Int, TableCell)]) -> Int { p.reduce(0) { $0 + $1.1.text.count } + max(0, p.count - 1) * sep.count + 2 }
        while length(kept) > state.width, let worst = kept.map(\.0).max(), worst > 0 {
            if let i = kept.lastIndex(where: { $0.0 == worst }) { kept.remove(at: i) }
        }
        var segments: [TableCell] = [TableCell(" ")]
        for (i, part) in kept.enumerated() {
            if i > 0 { segments.append(TableCell(sep, .muted)) }
            segments.append(part.1)
        }
        TextLine(segments).render(x: 0, y: 0, width: state.width, into: &grid)
    }

    /// Header segments for spend: the recent rate, then the 24-hour average (dropped early when narrow). Gateways
    /// that report no spend breakdown still have the totals' rate.
    static func spendParts(_ s: GatewaySnapshot) -> [(Int, TableCell)] {
        let reported = s.spend != SpendSnapshot()
        let rate = reported ? s.spend.perHour : s.totals.spendPerHour
        var parts: [(Int, TableCell)] = [(4, TableCell(Format.dollarsPerHour(rate), Style(.text, bold: true)))]
        if reported { parts.append((8, TableCell("24h avg \(Format.dollarsPerHour(s.spend.perHour24h))", .muted))) }
        return parts
    }

    /// Header segments for a fleet: how many replicas and how many are down, or the one looked at alone.
    static func fleetParts(_ fleet: FleetSnapshot, watching: String?, separator: String) -> [(Int, TableCell)] {
        let count = fleet.replicas.count
        let down = fleet.downCount
        let summary = "fleet \(separator) \(count) replica\(count == 1 ? "" : "s")" + (down > 0 ? " (\(down) down)" : "")
        let style = Style(down > 0 ? .warn : .accent, bold: true)
        guard let watching else { return [(1, TableCell(summary, style))] }
        let replica = fleet.replicas.first { $0.name == watching }
        let state = replica.map { $0.isUp ? "" : " (\($0.state))" } ?? " (gone)"
        return [(1, TableCell("replica \(watching)\(state)", Style(replica?.isUp == true ? .accent : .bad, bold: true, reverse: true))),
                (3, TableCell(summary, style))]
    }

    /// Header segments for a fleet replica that cannot reach the shared database: how long, and what budgets
    /// are enforced against meanwhile (the detail is dropped before the alarm when narrow).
    static func sharedStateParts(_ s: GatewaySnapshot) -> [(Int, TableCell)] {
        guard let shared = s.sharedState, !shared.reachable else { return [] }
        let down = Format.duration(shared.downFor(now: s.time))
        return [(1, TableCell(" DATABASE DOWN \(down) ", Style(.bad, bold: true, reverse: true))),
                (3, TableCell(shared.budgetsText, Style(shared.budgets == .leases ? .warn : .bad, bold: true)))]
    }

    /// Header segments for the feed's connection: where it is attached, or a loud DISCONNECTED with the retry.
    static func connectionParts(_ state: DashboardState) -> [(Int, TableCell)] {
        let alarm = Style(.bad, bold: true, reverse: true)
        // The alarm is never dropped, so on a narrow terminal it must fit beside the title.
        let narrow = state.width < 90
        switch state.connection {
        case nil, .attached(endpoint: nil)?:
            return []
        case .attached(let endpoint?)?:
            return [(7, TableCell("attached \(endpoint)", .muted))]
        case .connecting(let endpoint, let attempt)?:
            // Nothing shown yet and this is the first try: not an alarm, just progress.
            if state.snapshot == nil, attempt <= 1 { return [(1, TableCell("connecting to \(endpoint)…", .muted))] }
            let text = narrow ? "connecting… (#\(attempt))" : "connecting… (attempt \(attempt))"
            return [(0, TableCell(" DISCONNECTED — \(text) ", alarm))]
        case .disconnected(_, let reason, let attempt, let retryIn)?:
            let wait = retryIn >= 1 ? "\(Int(retryIn.rounded(.up)))s" : "<1s"
            let text = narrow ? "retry in \(wait) (#\(attempt))" : "reconnecting in \(wait) (attempt \(attempt))"
            // A fleet's database: the one thing that matters is in the alarm, the detail after it.
            if reason.hasPrefix(FeedConnection.databaseUnreachable) {
                let detail = String(reason.dropFirst(FeedConnection.databaseUnreachable.count)).drop { $0 == ":" || $0 == " " }
                return [(0, TableCell(" DATABASE UNREACHABLE — \(text) ", alarm)), (11, TableCell(String(detail), Style(.bad)))]
            }
            return [(0, TableCell(" DISCONNECTED — \(text) ", alarm)), (11, TableCell(reason, Style(.bad)))]
        }
    }

    /// Status line: confirm prompt, filter being typed, last result or a key hint; the active filter at right.
    static func renderFooter(_ ctx: RenderContext, into grid: inout CellGrid) {
        let state = ctx.state
        let y = state.height - 1
        grid.fill(Rect(x: 0, y: y, width: state.width, height: 1), style: Style(.background))
        var right: [TableCell] = []
        if !state.activeFilter.isEmpty, !state.editingFilter {
            right = [TableCell("filter: ", .muted), TableCell(state.activeFilter.description, Style(.accent, bold: true)),
                     TableCell(" (Esc clears)", .muted)]
        }
        let rightWidth = right.reduce(0) { $0 + $1.text.count }
        let leftWidth = max(0, state.width - 2 - (rightWidth > 0 ? rightWidth + 2 : 0))
        let left: [TableCell]
        switch state.overlay {
        case .confirm(let command):
            left = [TableCell(question(command) + " ", Style(.warn, bold: true)), TableCell("y/n", Style(.accent, bold: true))]
        case .confirmQuit:
            left = [TableCell("Quit and stop the gateway? ", Style(.warn, bold: true)), TableCell("y/n", Style(.accent, bold: true))]
        case .columns:
            let updown = ctx.glyphs.isUnicode ? "↑↓" : "j/k"
            let sep = " \(ctx.glyphs.separator) "
            left = [TableCell(["\(updown) column", "space show/hide", "r defaults", "Esc closes"].joined(separator: sep), .muted)]
        case .help:
            left = [TableCell(state.helpSearch.editing ? "type to search the keys \(ctx.glyphs.separator) Enter keeps \(ctx.glyphs.separator) Esc clears"
                                                       : "/ search \(ctx.glyphs.separator) Esc or ? closes help", .muted)]
        case .none:
            if let prompt = state.prompt {
                left = HintLine.prompt(prompt, ctx.glyphs)
            } else if state.editingFilter {
                left = [TableCell("/", Style(.accent, bold: true)), TableCell(state.filter, Style(.text, bold: true)),
                        TableCell("_", Style(.accent, bold: true)), filterStatus(state, ctx.glyphs)]
            } else if let error = state.filterError {
                left = [TableCell(error.message, Style(.warn, bold: true))]
            } else if let message = state.statusMessage {
                left = [TableCell(message, Style(state.statusIsError ? .bad : .text, bold: state.statusIsError))]
            } else {
                left = [TableCell(HintLine.hints(state, ctx.glyphs, width: leftWidth), .muted)]
            }
        }
        TextLine(left).render(x: 1, y: y, width: leftWidth, into: &grid)
        if rightWidth > 0, state.width - rightWidth - 1 > 0 {
            TextLine(right).render(x: state.width - rightWidth - 1, y: y, width: rightWidth, into: &grid)
        }
    }

    /// After the filter being typed: its error (the last valid filter stays applied), or how to leave.
    static func filterStatus(_ state: DashboardState, _ glyphs: Glyphs) -> TableCell {
        if let error = state.filterError {
            let kept = state.activeFilter.isEmpty ? "" : " \(glyphs.separator) still showing \(state.activeFilter.description)"
            return TableCell("   " + error.message + kept, Style(.warn, bold: true))
        }
        return TableCell("   Enter keeps \(glyphs.separator) Esc clears", .muted)
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > width { lines.append(current); current = "" }
            current += current.isEmpty ? String(word) : " " + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

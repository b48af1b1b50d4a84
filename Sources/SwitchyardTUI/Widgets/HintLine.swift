/// The bottom line's own content: the keys of the current view, and the `:` command line while it is open.
enum HintLine {
    /// Key hints for the current view, as many as fit in `width`, always ending with "? help".
    static func hints(_ state: DashboardState, _ glyphs: Glyphs, width: Int) -> String {
        let updown = glyphs.isUnicode ? "↑↓" : "j/k"
        let sep = " \(glyphs.separator) "
        let parts: [String]
        switch state.drill {
        case .provider?: parts = ["\(updown) deployment", "d disable/enable", "+/- weight", "f fail over", "r requests", "u undo", ": command", "Esc back"]
        case .request?:
            switch (state.inspector?.trace != nil, state.inspector?.zoomed ?? false) {
            case (true, true): parts = ["\(updown) scroll", "Enter/Esc spans", "y copy trace id"]
            case (true, false): parts = ["\(updown) span", "Enter span in full", "Esc back", "b bodies", "y copy trace id", "r deployment's requests", ": command"]
            default: parts = ["\(updown) attempt", "Esc back", "y copy id", ": command"]
            }
        case .team?: parts = ["\(updown) key", "r requests", "y copy key", "Esc back"]
        case .routing?: parts = ["\(updown) task", "r group's requests", "Esc back"]
        case nil where state.zoomed:
            let sort = SortOrder.sorts(state.focus) ? ["s sort", "S reverse"] : []
            parts = ["z/Esc all panes", "\(updown) select", "Tab/1-\(state.paneKeys) pane"] + sort + ["Enter details", ": command", "/ filter"]
        case nil where state.focus == .requests:
            let select = state.followRequests ? ["\(updown) select (stops following)"] : ["\(updown) select", "f follow"]
            parts = ["Tab/1-\(state.paneKeys) pane"] + select + ["Enter trace", "y copy id", "z zoom", "s sort", ": command", "/ filter",
                                                 "c columns", "space pause", "t theme", "q quit"]
        case nil:
            let sort = SortOrder.sorts(state.focus) ? ["s sort"] : []
            parts = ["Tab/1-\(state.paneKeys) pane", "\(updown) select", enterHint(state.focus),
                     "z zoom"] + sort + [": command", "d disable", "/ filter", "r requests", "space pause", "t theme", "q quit"]
        }
        var kept: [String] = []
        for part in parts {
            let candidate = (kept + [part, "? help"]).joined(separator: sep)
            if candidate.count > width { break }
            kept.append(part)
        }
        return (kept + ["? help"]).joined(separator: sep)
    }

    /// What Enter does on the focused pane's rows.
    private static func enterHint(_ pane: Pane) -> String {
        switch pane {
        case .budget: "Enter team keys"
        case .latency, .errors, .events: "Enter requests"
        case .replicas: "Enter this replica alone"
        default: "Enter details"
        }
    }

    /// `:text_`, then the completions Tab cycles through (the one in the text highlighted), or the prompt's keys.
    static func prompt(_ prompt: CommandPrompt, _ glyphs: Glyphs) -> [TableCell] {
        var cells = [TableCell(":", Style(.accent, bold: true)), TableCell(prompt.text, Style(.text, bold: true)),
                     TableCell("_", Style(.accent, bold: true)), TableCell("   ")]
        guard !prompt.completions.isEmpty else {
            let updown = glyphs.isUnicode ? "↑↓" : "Up/Down"
            let sep = " \(glyphs.separator) "
            cells.append(TableCell(["Tab complete", "\(updown) history", "Enter run", "Esc cancel"].joined(separator: sep), .muted))
            return cells
        }
        // Start one before the current candidate, so that it is on screen however far Tab has cycled.
        let first = max(0, prompt.completionIndex - 1)
        if first > 0 { cells.append(TableCell("\(glyphs.ellipsis) ", .muted)) }
        for (i, name) in prompt.completions.enumerated().dropFirst(first) {
            let current = i == prompt.completionIndex
            cells.append(TableCell(name, current ? Style(.accent, bold: true, reverse: true) : .muted))
            cells.append(TableCell(" "))
        }
        return cells
    }
}

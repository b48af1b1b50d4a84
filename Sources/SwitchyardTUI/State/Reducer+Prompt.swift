import SwitchyardCore

extension Reducer {
    /// Keys while the `:` line is open: typing edits it, Tab/Shift-Tab cycle completions, Up/Down walk the history,
    /// Enter runs it, Esc (or Backspace on an empty line) closes it.
    static func promptKey(_ key: Key, _ s: inout DashboardState) -> [Effect] {
        guard var p = s.prompt else { return [] }
        switch key {
        case .esc:
            s.prompt = nil
            return []
        case .enter:
            s.prompt = nil
            let line = p.text.trimmingSpaces
            guard !line.isEmpty else { return [] }
            if s.commandHistory.last != line { s.commandHistory.append(line) }
            return runCommand(line, &s)
        case .backspace:
            guard !p.text.isEmpty else { s.prompt = nil; return [] }
            p.text.removeLast()
            p.endCompletion()
            p.historyIndex = nil
        case .tab: complete(&p, s, step: 1)
        case .backTab: complete(&p, s, step: -1)
        case .up: recall(older: true, &p, s.commandHistory)
        case .down: recall(older: false, &p, s.commandHistory)
        case .char(let c) where !c.isNewline:
            p.text.append(c)
            p.endCompletion()
            p.historyIndex = nil
        default: break
        }
        s.prompt = p
        return []
    }

    /// Up (older) or Down (newer) through the lines run since the dashboard started; Down past the newest gives back the draft.
    private static func recall(older: Bool, _ p: inout CommandPrompt, _ history: [String]) {
        guard !history.isEmpty else { return }
        p.endCompletion()
        if older {
            if let i = p.historyIndex {
                p.historyIndex = max(0, i - 1)
            } else {
                p.draft = p.text
                p.historyIndex = history.count - 1
            }
        } else {
            guard let i = p.historyIndex else { return }
            if i + 1 < history.count {
                p.historyIndex = i + 1
            } else {
                p.historyIndex = nil
                p.text = p.draft
                return
            }
        }
        if let i = p.historyIndex, history.indices.contains(i) { p.text = history[i] }
    }

    /// Tab: the word under the cursor becomes the first candidate that starts with it; further presses cycle.
    /// A single candidate is taken with a space after it when the command wants more words.
    private static func complete(_ p: inout CommandPrompt, _ s: DashboardState, step: Int) {
        if !p.completions.isEmpty {
            let n = p.completions.count
            p.completionIndex = ((p.completionIndex + step) % n + n) % n
            p.text = p.completionBase + p.completions[p.completionIndex]
            return
        }
        let base: String
        let word: String
        if let space = p.text.lastIndex(of: " ") {
            base = String(p.text[...space])
            word = String(p.text[p.text.index(after: space)...])
        } else {
            base = ""
            word = p.text
        }
        let before = base.split(separator: " ").map(String.init)
        let candidates = completionCandidates(before, s).filter { $0.lowercased().hasPrefix(word.lowercased()) }
        guard let first = candidates.first else { return }
        p.historyIndex = nil
        if candidates.count == 1 {
            let more = before.isEmpty ? first != "q" : (before.first == "weight" && before.count == 1)
            p.text = base + first + (more ? " " : "")
            return
        }
        p.completions = candidates
        p.completionIndex = step > 0 ? 0 : candidates.count - 1
        p.completionBase = base
        p.text = base + candidates[p.completionIndex]
    }

    /// What may follow the words `before`: command names first, then names from the snapshot on screen.
    static func completionCandidates(_ before: [String], _ s: DashboardState) -> [String] {
        guard let command = before.first else { return CommandPrompt.commands }
        let snapshot = s.snapshot
        let providers = snapshot?.providers.map(\.name) ?? []
        let deployments = snapshot?.deployments.map(\.id) ?? []
        guard before.count == 1 else { return [] }
        switch command {
        // Newest first: the request just seen on screen is the likely one.
        case "trace": return unique((snapshot?.requests ?? []).reversed().map(\.id) + [s.keptRequest?.id].compactMap { $0 })
        case "model": return snapshot?.models.map(\.name) ?? []
        case "provider": return providers
        case "disable", "enable": return providers + deployments
        case "weight": return deployments
        case "theme": return ThemeCatalog.builtinNames
        default: return []
        }
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// Runs one command line (without its `:`).
    static func runCommand(_ line: String, _ s: inout DashboardState) -> [Effect] {
        let words = line.split(separator: " ").map(String.init)
        guard let name = words.first else { return [] }
        let args = Array(words.dropFirst())
        switch name {
        case "q", "quit", "q!":
            if s.confirmQuit { s.overlay = .confirmQuit; return [] }
            return [.quit]
        case "trace":
            guard args.count == 1 else { return fail("usage: :trace ID (Tab completes request ids)", &s) }
            return traceCommand(args[0], &s)
        case "model":
            guard args.count == 1 else { return fail("usage: :model NAME", &s) }
            return modelCommand(args[0], &s)
        case "provider":
            guard args.count == 1 else { return fail("usage: :provider NAME", &s) }
            return providerCommand(args[0], &s)
        case "disable", "enable":
            guard args.count == 1 else { return fail("usage: :\(name) PROVIDER|DEPLOYMENT", &s) }
            return toggleCommand(args[0], enable: name == "enable", &s)
        case "weight":
            guard args.count == 2 else { return fail("usage: :weight DEPLOYMENT N", &s) }
            return weightCommand(args[0], args[1], &s)
        case "filter":
            return filterCommand(String(line.dropFirst(name.count)).trimmingSpaces, &s)
        case "theme":
            guard args.count == 1 else { return fail("usage: :theme NAME", &s) }
            return themeCommand(args[0], &s)
        default:
            let guess = NameSuggestion.closest(to: name, in: CommandPrompt.commands).map { "; did you mean :\($0)?" }
            return fail("unknown command :\(name)" + (guess ?? " (Tab lists the commands)"), &s)
        }
    }

    /// A status message that reports a mistake.
    static func fail(_ message: String, _ s: inout DashboardState) -> [Effect] {
        s.statusMessage = message
        s.statusIsError = true
        return []
    }

    /// "unknown model gpt-5; did you mean gpt-4o?"
    private static func unknown(_ what: String, _ name: String, in names: [String], _ s: inout DashboardState) -> [Effect] {
        let guess = NameSuggestion.closest(to: name, in: names).map { "; did you mean \($0)?" } ?? ""
        return fail("unknown \(what) \(name)\(guess)", &s)
    }

    /// `:trace ID`: the request's trace in the inspector, as Enter on it in the Requests list. A unique prefix of
    /// an id is enough.
    private static func traceCommand(_ id: String, _ s: inout DashboardState) -> [Effect] {
        let ids = completionCandidates(["trace"], s)
        if ids.contains(id) { return openTrace(id, &s) }
        let matches = ids.filter { $0.hasPrefix(id) }
        if matches.count == 1, let only = matches.first { return openTrace(only, &s) }
        if matches.count > 1 { return fail("\(id) matches \(matches.count) requests; Tab completes the id", &s) }
        return fail("no request \(id) in the recent window", &s)
    }

    /// `:model NAME`: the model selected in the Latency pane, and the Requests list filtered to it.
    private static func modelCommand(_ name: String, _ s: inout DashboardState) -> [Effect] {
        let names = s.snapshot?.models.map(\.name) ?? []
        guard let model = names.first(where: { $0.lowercased() == name.lowercased() }) else {
            return unknown("model", name, in: names, &s)
        }
        s.filter = "model=\(model)"
        s.selection = [:]
        follow(&s)
        focus(.latency, &s)
        s.selection[.latency] = s.rows.models.firstIndex { $0.name == model } ?? 0
        return hint("model \(model): requests where \(s.activeFilter.description)", &s)
    }

    /// `:provider NAME`: the provider's deployments, as Enter on it in the Providers pane.
    private static func providerCommand(_ name: String, _ s: inout DashboardState) -> [Effect] {
        let names = s.snapshot?.providers.map(\.name) ?? []
        guard let provider = names.first(where: { $0.lowercased() == name.lowercased() }) else {
            return unknown("provider", name, in: names, &s)
        }
        focus(.providers, &s)
        // A filter that hides the provider would leave nothing to select.
        if !s.rows.providers.contains(where: { $0.name == provider }) { s.filter = "" }
        s.selection[.providers] = s.rows.providers.firstIndex { $0.name == provider } ?? 0
        s.drillStack = [.provider(provider)]
        s.drillSelection = 0
        return []
    }

    /// `:disable NAME`, `:enable NAME`: a provider or a deployment, asked y/n as `d` asks.
    private static func toggleCommand(_ name: String, enable: Bool, _ s: inout DashboardState) -> [Effect] {
        let verb = enable ? "enabled" : "disabled"
        if let p = s.snapshot?.providers.first(where: { $0.name == name }) {
            if p.enabled == enable { return hint("provider \(p.name) is already \(verb)", &s) }
            s.overlay = .confirm(enable ? .enableProvider(p.name) : .disableProvider(p.name))
            return []
        }
        if let d = s.snapshot?.deployments.first(where: { $0.id == name }) {
            if d.enabled == enable { return hint("deployment \(d.id) is already \(verb)", &s) }
            s.overlay = .confirm(enable ? .enableDeployment(d.id) : .disableDeployment(d.id))
            return []
        }
        let names = (s.snapshot?.providers.map(\.name) ?? []) + (s.snapshot?.deployments.map(\.id) ?? [])
        return unknown("provider or deployment", name, in: names, &s)
    }

    /// `:weight DEPLOYMENT N`: asked y/n, since any weight may be set at once (0 takes the deployment out).
    private static func weightCommand(_ id: String, _ value: String, _ s: inout DashboardState) -> [Effect] {
        guard let d = s.snapshot?.deployments.first(where: { $0.id == id }) else {
            return unknown("deployment", id, in: s.snapshot?.deployments.map(\.id) ?? [], &s)
        }
        guard let weight = Double(value), InputBounds.weight.contains(weight) else {
            return fail("weight must be a number \(InputBounds.describe(InputBounds.weight)), not \(value)", &s)
        }
        guard weight != d.weight else { return hint("weight of \(d.id) is already \(Format.number(weight))", &s) }
        s.overlay = .confirm(.setWeight(deployment: d.id, weight: weight))
        return []
    }

    /// `:filter EXPR`: the `/` filter, set at once; a bad expression is explained and changes nothing. No
    /// expression clears it.
    private static func filterCommand(_ expression: String, _ s: inout DashboardState) -> [Effect] {
        do {
            _ = try RequestFilter(parsing: expression)
        } catch {
            return fail(error.message, &s)
        }
        s.filter = expression
        s.selection = [:]
        follow(&s)
        if expression.isEmpty { return hint("filter cleared", &s) }
        return hint("requests where \(s.activeFilter.description)", &s)
    }

    /// `:theme NAME`: a built-in theme by name, as `t` cycles them.
    private static func themeCommand(_ name: String, _ s: inout DashboardState) -> [Effect] {
        if s.noColor { return hint(noColorMessage, &s) }
        let names = ThemeCatalog.builtinNames
        guard let index = names.firstIndex(of: name) else { return unknown("theme", name, in: names, &s) }
        s.themeIndex = index
        _ = hint("theme: \(name)", &s)
        return [.setTheme(index)]
    }
}

extension String {
    /// Without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

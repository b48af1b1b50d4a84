import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// The `:` command line: editing, completion, history, and what each command does.
@Suite struct CommandPromptTests: ReducerDriving {
    func run(_ line: String, _ state: DashboardState? = nil) -> (DashboardState, [Effect]) {
        press([.char(":")] + chars(line) + [.enter], state ?? start())
    }

    @Test func typingBackspaceAndEscape() {
        var s = press([.char(":")] + chars("modle"), start()).0
        #expect(s.prompt?.text == "modle")
        s = press([.backspace, .backspace, .backspace], s).0
        #expect(s.prompt?.text == "mo")
        s = press([.esc], s).0
        #expect(s.prompt == nil && s.statusMessage == nil && s.commandHistory.isEmpty)
        // Backspace on an empty line closes it, as in vim.
        s = press([.char(":"), .backspace], s).0
        #expect(s.prompt == nil)
    }

    @Test func keysTypeIntoThePromptInsteadOfActing() {
        let (s, effects) = press([.char(":")] + chars("qzsy"), start())
        #expect(effects.isEmpty && !s.zoomed && s.sort.isEmpty)
        #expect(s.prompt?.text == "qzsy")
    }

    @Test func tabCompletesCommandNamesThenCycles() {
        var s = press([.char(":"), .char("t"), .tab], start()).0
        #expect(s.prompt?.text == "trace")
        #expect(s.prompt?.completions == ["trace", "theme"])
        s = press([.tab], s).0
        #expect(s.prompt?.text == "theme")
        s = press([.tab], s).0
        #expect(s.prompt?.text == "trace")
        s = press([.backTab], s).0
        #expect(s.prompt?.text == "theme")
        // A single match is taken, with a space for its argument.
        s = press([.esc, .char(":")] + chars("we") + [.tab], s).0
        #expect(s.prompt?.text == "weight ")
    }

    @Test func tabCompletesNamesFromTheSnapshot() {
        var s = press([.char(":")] + chars("provider a") + [.tab], start()).0
        #expect(s.prompt?.completions == ["azure", "anthropic"])
        #expect(s.prompt?.text == "provider azure")
        s = press([.tab], s).0
        #expect(s.prompt?.text == "provider anthropic")
        s = press([.esc, .char(":")] + chars("model o3") + [.tab], s).0
        #expect(s.prompt?.text == "model o3-mini")
        let newest = Fixture.snapshot.requests.last?.id ?? ""
        s = press([.esc, .char(":")] + chars("trace ") + [.tab], s).0
        #expect(s.prompt?.text == "trace \(newest)")
        s = press([.esc, .char(":")] + chars("weight gpt-4o/o") + [.tab], s).0
        #expect(s.prompt?.text == "weight gpt-4o/openai ")
        // Typing after a completion starts a new one.
        s = press([.esc, .char(":")] + chars("provider a") + [.tab, .char("n"), .tab], s).0
        #expect(s.prompt?.text == "provider azuren")
        #expect(s.prompt?.completions.isEmpty == true)
    }

    @Test func historyUpAndDownKeepTheDraft() {
        var s = run("filter status>=500").0
        s = run("theme mono", s).0
        s = press([.char(":")] + chars("pro") + [.up], s).0
        #expect(s.prompt?.text == "theme mono")
        s = press([.up], s).0
        #expect(s.prompt?.text == "filter status>=500")
        s = press([.up], s).0
        #expect(s.prompt?.text == "filter status>=500")
        s = press([.down], s).0
        #expect(s.prompt?.text == "theme mono")
        s = press([.down], s).0
        #expect(s.prompt?.text == "pro" && s.prompt?.historyIndex == nil)
        // Enter runs a recalled line, and running the same line twice keeps one entry.
        s = press([.esc, .char(":"), .up, .enter], s).0
        #expect(s.commandHistory == ["filter status>=500", "theme mono"])
    }

    @Test func traceOpensTheInspector() {
        let id = Fixture.requests[2].id
        let (s, effects) = run("trace \(id)")
        #expect(s.prompt == nil)
        #expect(s.focus == .requests && s.drill == .request(id) && s.inspector?.requestID == id)
        #expect(effects == [.loadTrace(id)])
        // Esc comes back to the request in the list, paused on it.
        let back = press([.esc], s).0
        #expect(back.drill == nil && !back.followRequests)
        #expect(back.rows.requests[back.selected(.requests)].id == id)
        // A unique prefix is enough.
        #expect(run("trace \(id.prefix(14))").0.drill == .request(id))
    }

    @Test(arguments: [
        ("trace req_nosuch", "no request req_nosuch in the recent window"),
        ("trace req_", "req_ matches \(Fixture.snapshot.requests.count) requests; Tab completes the id"),
        ("trace", "usage: :trace ID (Tab completes request ids)"),
        ("modle gpt-4o", "unknown command :modle; did you mean :model?"),
        ("frobnicate", "unknown command :frobnicate (Tab lists the commands)"),
        ("model gpt-5o", "unknown model gpt-5o; did you mean gpt-4o?"),
        ("provider azuer", "unknown provider azuer; did you mean azure?"),
        ("disable openia", "unknown provider or deployment openia; did you mean openai?"),
        ("weight gpt-4o/openai x", "weight must be a number from 0 to 1000000, not x"),
        ("weight gpt-4o/nosuch 3", "unknown deployment gpt-4o/nosuch"),
        ("filter status>>5", "operator '>>' does not apply to status at 7 (use = != > >= < <=)"),
        ("theme lihgt", "unknown theme lihgt; did you mean light?"),
    ])
    func mistakesSayWhatWasWrong(line: String, message: String) {
        let (s, effects) = run(line)
        #expect(effects.isEmpty && s.overlay == .none)
        #expect(s.statusIsError)
        #expect(s.statusMessage == message)
    }

    @Test func weightAsksFirstThenSends() {
        var (s, effects) = run("weight gpt-4o/openai 7")
        let command = ControlCommand.setWeight(deployment: "gpt-4o/openai", weight: 7)
        #expect(effects.isEmpty && s.overlay == .confirm(command))
        #expect(Renderer.question(command) == "Set the weight of gpt-4o/openai to 7?")
        (s, effects) = press([.char("y")], s)
        #expect(s.overlay == .none && effects == [.send(command)])
        // n cancels, as for every confirmed action.
        (s, effects) = press([.char("n")], run("weight gpt-4o/openai 0").0)
        #expect(effects.isEmpty && s.statusMessage == "cancelled: set weight of gpt-4o/openai to 0")
    }

    @Test func disableAndEnableAskAsTheKeyDoes() {
        #expect(run("disable azure").0.overlay == .confirm(.disableProvider("azure")))
        var off = start()
        if let i = off.snapshot?.providers.firstIndex(where: { $0.name == "together" }) {
            off.snapshot?.providers[i].enabled = false
        }
        #expect(run("enable together", off).0.overlay == .confirm(.enableProvider("together")))
        #expect(run("disable gpt-4o/openai").0.overlay == .confirm(.disableDeployment("gpt-4o/openai")))
        let already = run("enable azure").0
        #expect(already.overlay == .none && already.statusMessage == "provider azure is already enabled")
    }

    @Test func modelProviderFilterThemeAndQuit() {
        let model = run("model o3-mini").0
        #expect(model.focus == .latency && model.rows.models[model.selected(.latency)].name == "o3-mini")
        #expect(model.filterText == "model=o3-mini")
        let provider = run("provider groq").0
        #expect(provider.focus == .providers && provider.drill == .provider("groq"))
        let filtered = run("filter status>=500").0
        #expect(filtered.filterText == "status>=500" && filtered.statusMessage == "requests where status>=500")
        #expect(run("filter", filtered).0.filterText.isEmpty)
        let (themed, effects) = run("theme mono")
        #expect(effects == [.setTheme(ThemeCatalog.builtinNames.firstIndex(of: "mono") ?? -1)])
        #expect(themed.statusMessage == "theme: mono")
        #expect(run("q").1 == [.quit])
        var serving = start()
        serving.confirmQuit = true
        #expect(run("q", serving).0.overlay == .confirmQuit)
    }
}

import SwitchyardCore
import SwitchyardWire
import Testing
@testable import SwitchyardConfig

/// `strategy: task` models, the teams' `tasks:` maps and `task_routing:` as `check-config` reads them.
@Suite struct TaskRoutingConfigTests {
    static func yaml(_ models: String, extra: String = "") -> String {
        """
        providers:
          - { name: openai, kind: openai }
        models:
          - name: fast
            deployments: [{ provider: openai, model: gpt-4o-mini }]
          - name: small
            deployments: [{ provider: openai, model: tiny-model, context_window: 8000, price: { input: 1, output: 1 } }]
        \(models)
        \(extra)
        """
    }

    @Test func aTaskModelReadsIntoTheCatalog() throws {
        let config = try ConfigLoader.parse(yaml: Self.yaml("""
              - name: auto
                strategy: task
                tasks: { chat: fast, code: fast, legal: small }
            """, extra: """
            teams:
              - { name: support, models: [auto], tasks: { chat: small } }
            task_routing:
              long_context_tokens: 64000
              rules:
                - { task: legal, keywords: [contract], patterns: ['clause \\\\d+'], in: [user, system] }
                - { task: research, key_metadata: { workload: research } }
            """), file: "gw.yaml").config
        let routing = config.catalog.taskRouting
        #expect(routing.models == [TaskModelSpec(name: "auto", tasks: ["chat": "fast", "code": "fast", "legal": "small"])])
        #expect(routing.teamTasks == ["support": ["chat": ["small"]]])
        #expect(routing.longContextTokens == 64_000)
        #expect(routing.rules.first?.texts == ["user", "system"])
        #expect(routing.rules.last?.keyMetadata == ["workload": "research"])
        #expect(config.catalog.validationErrors().isEmpty)
        #expect(config.teams.first?.models == ["auto"])
    }

    @Test func mapsAreCheckedAgainstGroupsTasksAndCapabilities() {
        let issues = rejectionIssues(Self.yaml("""
              - name: auto
                strategy: task
                tasks: { code: fast, vison: fast, reasoning: nowhere, long_context: small }
            """))
        let text = issues.map(\.description).joined(separator: "\n")
        #expect(text.contains("missing chat"), "\(text)")
        #expect(text.contains("unknown task 'vison' (did you mean 'vision'?)"), "\(text)")
        #expect(text.contains("models[2].tasks.reasoning: unknown model 'nowhere'"), "\(text)")
        #expect(text.contains("cannot serve long_context: deployment small/openai has a 8000-token context window"), "\(text)")
    }

    @Test func aGroupWithoutVisionCannotServeVision() {
        let issues = rejectionIssues("""
            providers:
              - { name: openai, kind: openai }
            models:
              - name: embedder
                deployments: [{ provider: openai, model: text-embedding-3-small }]
              - name: auto
                strategy: task
                tasks: { chat: embedder, vision: embedder }
            """)
        let text = issues.map(\.description).joined(separator: "\n")
        #expect(text.contains("cannot serve vision"), "\(text)")
    }

    @Test func aBadRuleNamesItsField() {
        let issues = rejectionIssues(Self.yaml("", extra: """
            task_routing:
              rules:
                - { task: legal, patterns: ['(unclosed'] }
                - { task: other }
            """))
        let text = issues.map(\.description).joined(separator: "\n")
        #expect(text.contains("task_routing.rules[0].patterns: not a regular expression"), "\(text)")
        #expect(text.contains("task_routing.rules[1]: a rule needs keywords, patterns or key_metadata"), "\(text)")
    }

    @Test func escalationReadsItsChecksAndHowStreamsAreHandled() throws {
        let config = try ConfigLoader.parse(yaml: Self.yaml("""
              - name: auto
                strategy: task
                tasks: { chat: small }
                escalate: { to: fast, on: [invalid_json], streams: buffer }
              - name: plain
                strategy: task
                tasks: { chat: small }
                escalate: { to: fast }
            """), file: "gw.yaml").config
        let models = config.catalog.taskRouting.models
        #expect(models.first?.escalate == EscalationSpec(to: "fast", on: [.invalidJSON], streams: .buffer))
        #expect(models.last?.escalate == EscalationSpec(to: "fast", on: Set(AnswerProblem.allCases), streams: .pass))
        let found = rejectionIssues(Self.yaml("""
              - name: auto
                strategy: task
                tasks: { chat: small }
                escalate: { to: fast, streams: hold }
            """))
        #expect(found.contains { $0.path == "models[2].escalate.streams" && $0.message.contains("buffer") }, "\(found)")
    }

    @Test func anEntryMayListGroupsChosenAsPreferSays() throws {
        let config = try ConfigLoader.parse(yaml: Self.yaml("""
              - name: auto
                strategy: task
                prefer: cost
                tasks: { chat: [small, fast], code: fast }
            """), file: "gw.yaml").config
        let auto = try #require(config.catalog.taskRouting.models.first)
        #expect(auto.tasks == ["chat": ["small", "fast"], "code": ["fast"]])
        #expect(auto.prefer == .cost)
        let found = rejectionIssues(Self.yaml("""
              - name: auto
                strategy: task
                prefer: speed
                tasks: { chat: [small, nope], code: [] }
            """))
        #expect(found.contains { $0.path == "models[2].tasks.chat[1]" && $0.message.contains("unknown model 'nope'") }, "\(found)")
        #expect(found.contains { $0.path == "models[2].tasks.code" }, "\(found)")
        #expect(found.contains { $0.path == "models[2].prefer" && $0.message.contains("latency") }, "\(found)")
    }
}

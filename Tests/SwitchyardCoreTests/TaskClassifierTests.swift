import Testing
@testable import SwitchyardCore
import SwitchyardWire

/// Precedence, explicit naming and rules, from a table of signals.
@Suite struct TaskClassifierTests {
    private static func signals(
        images: Bool = false, tools: Bool = false, structured: Bool = false, reasoning: Bool = false, tokens: Int = 100,
        user: String = "hello", system: String = "", declared: String? = nil
    ) -> TaskSignals {
        var s = TaskSignals()
        s.hasImages = images
        s.offersTools = tools
        s.wantsStructuredOutput = structured
        s.requestsReasoning = reasoning
        s.estimatedTokens = tokens
        s.lastUserText = user
        s.systemText = system
        s.declaredTask = declared
        return s
    }

    static let table: [(TaskSignals, TaskName)] = [
        (signals(), .chat),
        (signals(user: "Prove that there are infinitely many primes."), .reasoning),
        (signals(reasoning: true), .reasoning),
        (signals(reasoning: true, user: "```js\nx()\n```"), .code),
        (signals(structured: true, user: "```js\nx()\n```"), .structured),
        (signals(tools: true, structured: true), .tools),
        (signals(tools: true, tokens: 40_000), .longContext),
        (signals(images: true, tokens: 40_000), .vision),
        (signals(user: "Traceback (most recent call last):\n  File \"a.py\", line 1"), .code),
        (signals(user: "My promo code doesn't work at checkout"), .chat),
        (signals(user: "Is a python the longest snake?"), .chat),
        (signals(user: "Which digit comes next?"), .chat),
        (signals(tokens: 32_000), .chat),
        (signals(tokens: 32_001), .longContext),
    ]

    @Test(arguments: table) func theFirstTaskInPrecedenceWins(_ signals: TaskSignals, _ expected: TaskName) {
        #expect(TaskClassifier().classify(signals).task == expected)
    }

    @Test func anExplicitTaskWinsOverEverything() {
        let decision = TaskClassifier().classify(Self.signals(images: true, declared: "code"), explicit: "legal")
        #expect(decision.task == "legal" && decision.source == .explicit)
        let declared = TaskClassifier().classify(Self.signals(images: true, declared: "code"))
        #expect(declared.task == .code && declared.source == .explicit)
        // What detection found is still reported, for the trace.
        #expect(declared.features.contains("vision: image parts"))
    }

    @Test func rulesComeAfterExplicitAndBeforeDetection() {
        let classifier = TaskClassifier(rules: [
            TaskRule(task: "legal", keywords: ["Indemnification"]),
            TaskRule(task: "hr", patterns: ["(?i)parental leave"], texts: [.system]),
        ])
        let legal = classifier.classify(Self.signals(images: true, user: "Check the INDEMNIFICATION clause"))
        #expect(legal.task == "legal" && legal.source == .rule)
        #expect(legal.reason == "rule legal: keyword \"Indemnification\" in the user message")
        let hr = classifier.classify(Self.signals(user: "how many days?", system: "You answer Parental Leave questions."))
        #expect(hr.task == "hr")
        #expect(hr.matchedRules == ["hr (pattern /(?i)parental leave/ in the system prompt)"])
        // A rule reading only the system prompt ignores the user's words.
        #expect(classifier.classify(Self.signals(user: "parental leave?")).task == .chat)
        #expect(classifier.classify(Self.signals(user: "x"), explicit: "code").task == .code)
    }

    @Test func aTaskWithoutAnEntryFallsToChatAndATeamMapComesFirst() {
        let auto = TaskModelSpec(name: "auto", tasks: ["chat": "fast", "code": "coder"])
        #expect(auto.groups(for: .code, team: nil).groups == ["coder"])
        #expect(auto.groups(for: .vision, team: nil) == (["fast"], "auto's chat entry (no vision entry)"))
        #expect(auto.groups(for: .code, team: ["code": ["cheap"]]).groups == ["cheap"])
        #expect(auto.groups(for: .vision, team: ["chat": ["cheap"]]).groups == ["cheap"])
        #expect(auto.groups(for: .reasoning, team: ["code": ["cheap"]]).groups == ["fast"])
    }

    @Test func aRuleCanMatchOnTheCallingKeysMetadata() {
        let classifier = TaskClassifier(rules: [
            TaskRule(task: "legal", keyMetadata: ["department": "legal"]),
            TaskRule(task: "hr", keywords: ["leave"], keyMetadata: ["department": "people"]),
        ])
        let legal = classifier.classify(Self.signals(), keyMetadata: ["department": "legal", "site": "lisbon"])
        #expect(legal.task == "legal" && legal.reason == "rule legal: key metadata department=legal")
        #expect(classifier.classify(Self.signals(), keyMetadata: ["department": "sales"]).task == .chat)
        // Both conditions: the words and the metadata.
        #expect(classifier.classify(Self.signals(user: "parental leave?"), keyMetadata: ["department": "people"]).task == "hr")
        #expect(classifier.classify(Self.signals(user: "parental leave?")).task == .chat)
        #expect(classifier.classify(Self.signals(user: "hello"), keyMetadata: ["department": "people"]).task == .chat)
    }
}

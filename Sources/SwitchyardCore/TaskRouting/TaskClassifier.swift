import SwitchyardWire

/// Decides a request's task from the request alone, by precedence: explicit > config rules > vision >
/// long_context > tools > structured > code > reasoning > chat. Pure: the same signals give the same decision.
public struct TaskClassifier: Sendable {
    /// Estimated prompt tokens above which a request is `long_context`.
    public let longContextTokens: Int
    private let rules: CompiledTaskRules

    public static let defaultLongContextTokens = 32_000

    public init(rules: [TaskRule] = [], longContextTokens: Int = TaskClassifier.defaultLongContextTokens) {
        self.rules = CompiledTaskRules(rules)
        self.longContextTokens = longContextTokens
    }

    /// The decision for a request with `signals`; `explicit` is the task the client named (header or
    /// `metadata.task`), which wins when given.
    public func classify(_ signals: TaskSignals, explicit: String? = nil) -> TaskDecision {
        let user = ScannedText(signals.lastUserText)
        var features: [String] = []
        if signals.hasImages { features.append("vision: image parts") }
        if signals.estimatedTokens > longContextTokens {
            features.append("long_context: ~\(signals.estimatedTokens) prompt tokens > \(longContextTokens)")
        }
        if signals.offersTools { features.append("tools: tools offered") }
        if signals.wantsStructuredOutput { features.append("structured: JSON response format") }
        if let code = Self.code(in: user) { features.append("code: \(code)") }
        if let reasoning = Self.reasoning(signals, user) { features.append("reasoning: \(reasoning)") }
        let matched = rules.matches(user: signals.lastUserText, system: signals.systemText, scannedUser: user)
        let ruleNames = matched.map { "\($0.rule.task.rawValue) (\($0.why))" }

        if let explicit = (explicit ?? signals.declaredTask).map(TaskName.init(rawValue:)) {
            return TaskDecision(task: explicit, source: .explicit, reason: "named by the client", features: features,
                                matchedRules: ruleNames)
        }
        if let first = matched.first {
            return TaskDecision(task: first.rule.task, source: .rule, reason: "rule \(first.rule.task.rawValue): \(first.why)",
                                features: features, matchedRules: ruleNames)
        }
        for task in TaskName.builtIn where task != .chat {
            let prefix = task.rawValue + ": "
            if let feature = features.first(where: { $0.hasPrefix(prefix) }) {
                return TaskDecision(task: task, source: .detected, reason: String(feature.dropFirst(prefix.count)),
                                    features: features, matchedRules: ruleNames)
            }
        }
        return TaskDecision(task: .chat, source: .detected, reason: "no other task matched", features: features,
                            matchedRules: ruleNames)
    }

    /// What marks the last user message as code: a fence or error output, SQL, source-like lines, or a request
    /// for a program.
    static func code(in text: ScannedText) -> String? {
        guard !text.isEmpty else { return nil }
        if let mark = text.first(of: TaskPhrases.codeMarks) {
            return mark.starts(with: Array("```".utf8)) ? "fenced code" : "error output or a diff"
        }
        if text.first(of: TaskPhrases.sqlMarks) != nil { return "SQL" }
        if text.sourceLikeLines(upTo: 3) >= 3 { return "source lines" }
        if let phrase = text.first(of: TaskPhrases.codeRequests) ?? text.first(of: TaskPhrases.languageArtifacts) {
            return "asks about code (\"\(String(decoding: phrase, as: UTF8.self).trimmingCharacters())\")"
        }
        return nil
    }

    /// What marks a request as reasoning: reasoning asked for, or a proof, mathematics, a puzzle or a plan.
    static func reasoning(_ signals: TaskSignals, _ text: ScannedText) -> String? {
        if signals.requestsReasoning { return "reasoning or thinking requested" }
        if let phrase = text.first(of: TaskPhrases.reasoning) {
            return "\"\(String(decoding: phrase, as: UTF8.self).trimmingCharacters())\""
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        String(drop { $0 == " " || $0 == "\n" || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\n" || $0 == "\t" }.reversed())
    }
}

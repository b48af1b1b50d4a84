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
    /// `keyMetadata` is the calling key's, for rules that match on it.
    public func classify(
        _ signals: TaskSignals, explicit: String? = nil, keyMetadata: [String: String] = [:]
    ) -> TaskDecision {
        // What the request shows, each with the task it points to, in the order found.
        var found: [(task: TaskName, reason: String)] = []
        if signals.hasImages { found.append((.vision, "image parts")) }
        if signals.estimatedTokens > longContextTokens {
            found.append((.longContext, "~\(signals.estimatedTokens) prompt tokens > \(longContextTokens)"))
        }
        if signals.offersTools { found.append((.tools, "tools offered")) }
        if signals.wantsStructuredOutput { found.append((.structured, "JSON response format")) }
        if signals.requestsReasoning { found.append((.reasoning, "reasoning or thinking requested")) }
        let named = (explicit ?? signals.declaredTask).map(TaskName.init(rawValue:))
        // The text is read for code and reasoning only when nothing stronger decided: a long document's words
        // cannot change its task, and skipping them keeps detection within microseconds.
        let structural: Set<TaskName> = [.vision, .longContext, .tools, .structured]
        let decided = named != nil || found.contains { structural.contains($0.task) }
        let user = ScannedText(rules.isEmpty && decided ? "" : signals.lastUserText)
        let matched = rules.matches(user: signals.lastUserText, system: signals.systemText, scannedUser: user,
                                    keyMetadata: keyMetadata)
        if !decided, matched.isEmpty {
            if let code = Self.code(in: user) { found.append((.code, code)) }
            if !signals.requestsReasoning, let reasoning = Self.reasoning(in: user) { found.append((.reasoning, reasoning)) }
        }
        let features = found.map { "\($0.task.rawValue): \($0.reason)" }
        let ruleNames = matched.map { "\($0.rule.task.rawValue) (\($0.why))" }

        if let named {
            return TaskDecision(task: named, source: .explicit, reason: "named by the client", features: features,
                                matchedRules: ruleNames)
        }
        if let first = matched.first {
            return TaskDecision(task: first.rule.task, source: .rule, reason: "rule \(first.rule.task.rawValue): \(first.why)",
                                features: features, matchedRules: ruleNames)
        }
        for task in TaskName.builtIn where task != .chat {
            if let hit = found.first(where: { $0.task == task }) {
                return TaskDecision(task: task, source: .detected, reason: hit.reason, features: features,
                                    matchedRules: ruleNames)
            }
        }
        return TaskDecision(task: .chat, source: .detected, reason: "no other task matched", features: features,
                            matchedRules: ruleNames)
    }

    /// What marks the last user message as code: a fence or error output, SQL, source-like lines, or a request
    /// for a program.
    static func code(in text: ScannedText) -> String? {
        guard !text.isEmpty else { return nil }
        if let mark = TaskPhrases.codeMarks.first(in: text) {
            return mark.starts(with: Array("```".utf8)) ? "fenced code" : "error output or a diff"
        }
        if TaskPhrases.sqlMarks.first(in: text) != nil { return "SQL" }
        if text.sourceLikeLines(upTo: 3) >= 3 { return "source lines" }
        if let phrase = TaskPhrases.codeRequests.first(in: text) ?? TaskPhrases.languageArtifacts.first(in: text) {
            return "asks about code (\"\(String(decoding: phrase, as: UTF8.self).trimmingCharacters())\")"
        }
        return nil
    }

    /// What marks the last user message as reasoning: a proof, mathematics, a puzzle or a plan.
    static func reasoning(in text: ScannedText) -> String? {
        TaskPhrases.reasoning.first(in: text).map { "\"\(String(decoding: $0, as: UTF8.self).trimmingCharacters())\"" }
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        String(drop { $0 == " " || $0 == "\n" || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\n" || $0 == "\t" }.reversed())
    }
}

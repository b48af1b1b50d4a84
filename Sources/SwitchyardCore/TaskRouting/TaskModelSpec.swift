import SwitchyardWire

/// A model name (e.g. `auto`) that serves each request with the model group its task maps to. `chat` is
/// required: a task without an entry falls to it. An entry may list several groups, one of which is chosen per
/// request as `prefer` says.
public struct TaskModelSpec: Sendable, Codable, Hashable {
    public var name: String
    /// Task → model groups, the operator's order first (one group for most tasks).
    public var tasks: [String: [String]]
    /// A stronger group asked instead when the served answer fails a check; nil never escalates.
    public var escalate: EscalationSpec?
    /// How one of an entry's several groups is chosen.
    public var prefer: TaskPreference

    public init(name: String, choices: [String: [String]], escalate: EscalationSpec? = nil, prefer: TaskPreference = .quality) {
        self.name = name
        self.tasks = choices
        self.escalate = escalate
        self.prefer = prefer
    }

    /// A map of one group per task.
    public init(name: String, tasks: [String: String], escalate: EscalationSpec? = nil) {
        self.init(name: name, choices: tasks.mapValues { [$0] }, escalate: escalate)
    }

    /// The groups for `task`, from the team's own map first, then this model's; a task neither maps falls to
    /// chat. Returns the groups and where the entry came from.
    public func groups(for task: TaskName, team: [String: [String]]?) -> (groups: [String], from: String) {
        if let groups = team?[task.rawValue] { return (groups, "the team's \(task.rawValue) entry") }
        if let groups = tasks[task.rawValue] { return (groups, "\(name)'s \(task.rawValue) entry") }
        if let groups = team?[TaskName.chat.rawValue] { return (groups, "the team's chat entry (no \(task.rawValue) entry)") }
        return (tasks[TaskName.chat.rawValue] ?? [], "\(name)'s chat entry (no \(task.rawValue) entry)")
    }

    private enum CodingKeys: String, CodingKey { case name, tasks, escalate, prefer }

    /// Reads specs written before entries could list several groups (one group each) or had a preference.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        if let lists = try? c.decode([String: [String]].self, forKey: .tasks) {
            tasks = lists
        } else {
            tasks = try c.decode([String: String].self, forKey: .tasks).mapValues { [$0] }
        }
        escalate = try c.decodeIfPresent(EscalationSpec.self, forKey: .escalate)
        prefer = try c.decodeIfPresent(TaskPreference.self, forKey: .prefer) ?? .quality
    }
}

/// How one of a task entry's several groups is chosen: `quality` takes the first that can serve (the list is the
/// operator's ranking), `cost` the one whose cheapest serving deployment costs least for the request, `latency`
/// the one whose fastest serving deployment has answered fastest lately.
public enum TaskPreference: String, Sendable, Codable, Hashable, CaseIterable {
    case quality, cost, latency
}

/// `escalate: { to: GROUP, on: [invalid_json, invalid_tool_args, truncated, empty], streams: pass | buffer }`:
/// a complete answer (or, with `buffer`, a stream fetched whole) that fails one of the checks is charged, then the
/// request is served again by `to`.
public struct EscalationSpec: Sendable, Codable, Hashable {
    /// What happens to a streamed request: `pass` streams it as it comes (never escalated: its bytes are the
    /// client's as they arrive); `buffer` asks for the whole answer, checks it, and streams the one that stands.
    public enum Streams: String, Sendable, Codable, Hashable, CaseIterable {
        case pass, buffer
    }

    public var to: String
    public var on: Set<AnswerProblem>
    public var streams: Streams

    public init(to: String, on: Set<AnswerProblem>, streams: Streams = .pass) {
        self.to = to
        self.on = on
        self.streams = streams
    }

    private enum CodingKeys: String, CodingKey { case to, on, streams }

    /// Reads specs written before streams could be buffered as `pass`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        to = try c.decode(String.self, forKey: .to)
        on = try c.decode(Set<AnswerProblem>.self, forKey: .on)
        streams = try c.decodeIfPresent(Streams.self, forKey: .streams) ?? .pass
    }
}

/// Task routing in a catalog: the task-routed model names, the rules declaring tasks, the long-context threshold
/// and the teams' own task maps.
public struct TaskRoutingSpec: Sendable, Codable, Hashable {
    public var models: [TaskModelSpec]
    public var rules: [TaskRuleSpec]
    public var longContextTokens: Int
    /// Team → (task → model groups), overriding a task model's map for that team's keys.
    public var teamTasks: [String: [String: [String]]]

    public init(
        models: [TaskModelSpec] = [], rules: [TaskRuleSpec] = [],
        longContextTokens: Int = TaskClassifier.defaultLongContextTokens, teamTasks: [String: [String: [String]]] = [:]
    ) {
        self.models = models
        self.rules = rules
        self.longContextTokens = longContextTokens
        self.teamTasks = teamTasks
    }

    /// The classifier these rules and threshold make.
    public var classifier: TaskClassifier {
        TaskClassifier(rules: rules.map(\.rule), longContextTokens: longContextTokens)
    }
}

/// A task rule as a catalog stores it.
public struct TaskRuleSpec: Sendable, Codable, Hashable {
    public var task: String
    public var keywords: [String]
    public var patterns: [String]
    /// "user" and/or "system".
    public var texts: [String]
    /// Pairs the calling key's metadata must all hold.
    public var keyMetadata: [String: String]

    public init(
        task: String, keywords: [String] = [], patterns: [String] = [], texts: [String] = ["user"],
        keyMetadata: [String: String] = [:]
    ) {
        self.task = task
        self.keywords = keywords
        self.patterns = patterns
        self.texts = texts
        self.keyMetadata = keyMetadata
    }

    /// The rule as the classifier runs it.
    public var rule: TaskRule {
        TaskRule(task: TaskName(rawValue: task), keywords: keywords, patterns: patterns,
                 texts: Set(texts.compactMap(TaskRule.Text.init(rawValue:))), keyMetadata: keyMetadata)
    }
}

/// Which task a request is and why: what the route span, `x-switchyard-task` and `ctl route explain` show.
public struct TaskDecision: Sendable, Hashable {
    /// How the task was decided, in precedence order.
    public enum Source: String, Sendable, Hashable {
        /// The client named it (`x-switchyard-task` or `metadata.task`).
        case explicit
        /// A config rule matched.
        case rule
        /// The request's own features.
        case detected
    }

    public var task: TaskName
    public var source: Source
    /// Why, in a few words ("image parts", "fenced code", "rule legal: keyword \"contract\"").
    public var reason: String
    /// Every feature detection found, whether or not it decided ("vision", "code: stack trace", …), and the rules
    /// that matched, for the trace.
    public var features: [String]
    /// The config rules that matched, first (the deciding one) to last.
    public var matchedRules: [String]

    public init(task: TaskName, source: Source, reason: String, features: [String] = [], matchedRules: [String] = []) {
        self.task = task
        self.source = source
        self.reason = reason
        self.features = features
        self.matchedRules = matchedRules
    }
}

/// How a request to a task-routed model was placed: the model the client named, its task and why, and the model
/// group serving it.
public struct TaskRoute: Sendable, Hashable {
    /// The model the client named (`auto`): permissions are checked on it.
    public var model: String
    public var decision: TaskDecision
    /// The model group the task maps to: it serves the request, and its budgets, prices and ledger rows apply.
    public var group: String
    /// Which map entry chose the group ("auto's code entry", "the team's chat entry").
    public var via: String
    /// Where a failed answer goes instead; nil when the group is the escalation target itself, or none is set.
    public var escalation: EscalationSpec?

    public init(model: String, decision: TaskDecision, group: String, via: String, escalation: EscalationSpec? = nil) {
        self.model = model
        self.decision = decision
        self.group = group
        self.via = via
        self.escalation = escalation
    }
}

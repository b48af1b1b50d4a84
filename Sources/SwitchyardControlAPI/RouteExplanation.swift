import SwitchyardCore

/// `POST /v1/route/explain`'s answer: where a request to a task-routed model would go and why, decided without
/// calling an upstream.
public struct RouteExplanation: Codable, Sendable, Hashable {
    /// The model the request names (`auto`).
    public var model: String
    public var task: String
    /// explicit, rule or detected.
    public var source: String
    public var reason: String
    /// The model group that would serve it.
    public var group: String
    /// The map entry that chose the group.
    public var via: String
    public var features: [String]
    public var matchedRules: [String]

    public init(_ route: TaskRoute) {
        model = route.model
        task = route.decision.task.rawValue
        source = route.decision.source.rawValue
        reason = route.decision.reason
        group = route.group
        via = route.via
        features = route.decision.features
        matchedRules = route.decision.matchedRules
    }
}

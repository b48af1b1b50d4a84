/// One task of one task-routed model, as the Routing view and `ctl route stats` show it.
public struct TaskRoutingRow: Sendable, Codable, Hashable {
    /// The task-routed model (`auto`).
    public var model: String
    public var task: String
    /// Requests routed with this task since the gateway started.
    public var requests: Int
    /// Requests in the last minute.
    public var perMinute: Int
    /// The group and deployment that served its latest request.
    public var group: String?
    public var deployment: String?
    /// Dollars its requests cost (escalated answers included).
    public var cost: Double
    /// Requests whose first answer failed a check and went to the stronger group.
    public var escalations: Int
    /// Dollars the same tokens would have cost on the most expensive group the model routes to.
    public var mostExpensiveCost: Double

    public init(
        model: String, task: String, requests: Int, perMinute: Int, group: String?, deployment: String?, cost: Double,
        escalations: Int, mostExpensiveCost: Double
    ) {
        self.model = model
        self.task = task
        self.requests = requests
        self.perMinute = perMinute
        self.group = group
        self.deployment = deployment
        self.cost = cost
        self.escalations = escalations
        self.mostExpensiveCost = mostExpensiveCost
    }

    /// Dollars task routing saved against sending every request to the most expensive group.
    public var saved: Double { max(0, mostExpensiveCost - cost) }
}

/// How a finished request was task-routed, as its record keeps it.
public struct RoutedTask: Sendable, Codable, Hashable {
    /// The task-routed model the client named.
    public var model: String
    public var task: String
    /// The group whose answer failed a check, when the request was escalated.
    public var escalatedFrom: String?

    public init(model: String, task: String, escalatedFrom: String? = nil) {
        self.model = model
        self.task = task
        self.escalatedFrom = escalatedFrom
    }
}

/// Which tally a task-routed request adds to.
struct TaskTallyKey: Hashable {
    var model: String
    var task: String
}

/// Running totals of one (model, task), kept by the engine.
struct TaskRoutingTally {
    var requests = 0
    var recent = CountWindow(seconds: 60)
    var group: String?
    var deployment: String?
    var cost = 0.0
    var escalations = 0
    var mostExpensiveCost = 0.0
}

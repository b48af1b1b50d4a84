/// Cumulative gateway counters and current gauges, for Prometheus exposition. A value: safe to keep and render.
public struct MetricsSnapshot: Sendable, Hashable {
    /// Requests being served now (streams until settled).
    public var inFlightRequests: Int
    /// Every deployment, in catalog order.
    public var deployments: [DeploymentMetrics]
    /// Every model group, in catalog order.
    public var models: [ModelMetrics]
    /// Requests for model names the catalog does not know, by status code.
    public var unknownModelRequests: [StatusCount]
    /// Ledger appends that failed since start (those requests were answered but have no ledger row).
    public var ledgerErrors: UInt64
    /// Requests and dollars per virtual key (labelled with its team), by key name.
    public var keys: [KeyTotals]
    /// Requests and dollars per team, by team name.
    public var teams: [String: PrincipalTotals]
    /// Every budget admission control enforces, with its spend now.
    public var budgets: [BudgetSnapshot]
    /// The OTLP exporter's span tallies; nil when traces are not pushed to a collector.
    public var traceExport: TraceExportCounts?

    /// Creates a metrics snapshot.
    public init(
        inFlightRequests: Int, deployments: [DeploymentMetrics], models: [ModelMetrics],
        unknownModelRequests: [StatusCount], ledgerErrors: UInt64 = 0, keys: [KeyTotals] = [],
        teams: [String: PrincipalTotals] = [:], budgets: [BudgetSnapshot] = []
    ) {
        self.keys = keys
        self.teams = teams
        self.budgets = budgets
        self.ledgerErrors = ledgerErrors
        self.inFlightRequests = inFlightRequests
        self.deployments = deployments
        self.models = models
        self.unknownModelRequests = unknownModelRequests
    }

    /// The deployment with this id.
    public func deployment(_ id: String) -> DeploymentMetrics? { deployments.first { $0.id == id } }

    /// The model group with this name.
    public func model(_ name: String) -> ModelMetrics? { models.first { $0.name == name } }
}

/// Requests and dollars of one virtual key, under the team it had.
public struct KeyTotals: Sendable, Hashable {
    public var key: String
    public var team: String?
    public var totals: PrincipalTotals

    public init(key: String, team: String?, totals: PrincipalTotals) {
        self.key = key
        self.team = team
        self.totals = totals
    }
}

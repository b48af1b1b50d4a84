import SwitchyardCore

/// Everything the demo gateway needs besides the engine: what to route over, what to limit, who sends traffic.
public struct DemoSetup: Sendable {
    /// Providers, deployments and model groups.
    public let catalog: Catalog
    /// Spend limits the demo traffic burns into.
    public let budgets: [BudgetSpec]
    /// Virtual keys the traffic generator sends as.
    public let keys: [DemoKey]

    /// The teams the demo keys belong to (no model restrictions or rate limits).
    public var teams: [TeamSpec] {
        Array(Set(keys.map(\.team))).sorted().map { TeamSpec(name: $0) }
    }

    /// Creates a setup.
    public init(catalog: Catalog, budgets: [BudgetSpec], keys: [DemoKey]) {
        self.catalog = catalog
        self.budgets = budgets
        self.keys = keys
    }
}

import SwitchyardCore

/// Everything the demo gateway needs besides the engine: what to route over, what to limit, who sends traffic.
public struct DemoSetup: Sendable {
    /// Providers, deployments and model groups.
    public let catalog: Catalog
    /// Spend limits the demo traffic burns into.
    public let budgets: [BudgetSpec]
    /// Virtual keys the traffic generator sends as.
    public let keys: [DemoKey]

    /// Creates a setup.
    public init(catalog: Catalog, budgets: [BudgetSpec], keys: [DemoKey]) {
        self.catalog = catalog
        self.budgets = budgets
        self.keys = keys
    }
}

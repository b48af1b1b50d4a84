/// What a reload changed in the catalog, by name.
public struct CatalogChange: Sendable, Hashable {
    public var addedModels: [String] = []
    public var removedModels: [String] = []
    public var addedProviders: [String] = []
    public var removedProviders: [String] = []
    public var addedDeployments: [String] = []
    public var removedDeployments: [String] = []
    /// Deployments whose spec (upstream model, weight, priority, price, …) differs.
    public var changedDeployments: [String] = []
    /// Models whose strategy, members or fallbacks differ, and task models that changed.
    public var changedModels: [String] = []
    /// Operator overrides on what the new catalog no longer has, which were dropped.
    public var droppedOverrides: [String] = []
    /// Changes outside the catalog that came with it ("teams +research", "budgets -team:ml daily").
    public var otherChanges: [String] = []

    public init() {}

    /// The differences between two catalogs (overrides aside).
    public init(from old: Catalog, to new: Catalog) {
        let models = Self.diff(old.models.map(\.name) + old.taskRouting.models.map(\.name),
                          new.models.map(\.name) + new.taskRouting.models.map(\.name), name: { $0 })
        addedModels = models.added
        removedModels = models.removed
        changedModels = Self.diff(old.models, new.models, name: \.name).changed
            + Self.diff(old.taskRouting.models, new.taskRouting.models, name: \.name).changed
        let providers = Self.diff(old.providers, new.providers, name: \.name)
        addedProviders = providers.added
        removedProviders = providers.removed
        let deployments = Self.diff(old.deployments, new.deployments, name: \.id)
        addedDeployments = deployments.added
        removedDeployments = deployments.removed
        changedDeployments = deployments.changed
    }

    /// The names in `new` and not in `old`, in `old` and not in `new`, and in both with a different value, each
    /// in its list's order.
    public static func diff<T: Equatable>(
        _ old: [T], _ new: [T], name: (T) -> String
    ) -> (added: [String], removed: [String], changed: [String]) {
        let before = Dictionary(old.map { (name($0), $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.map { (name($0), $0) }, uniquingKeysWith: { first, _ in first })
        return (new.map(name).filter { before[$0] == nil }, old.map(name).filter { after[$0] == nil },
                new.filter { item in before[name(item)].map { $0 != item } ?? false }.map(name))
    }

    /// Nothing changed.
    public var isEmpty: Bool { summary == "no change" }

    /// One line for the audit trail and the log: "models +gpt-5 −gpt-4o; deployments ~chat/openai".
    public var summary: String {
        var parts: [String] = []
        func add(_ what: String, _ added: [String], _ removed: [String], _ changed: [String] = []) {
            let items = added.map { "+\($0)" } + removed.map { "-\($0)" } + changed.map { "~\($0)" }
            if !items.isEmpty { parts.append("\(what) " + items.joined(separator: " ")) }
        }
        add("models", addedModels, removedModels, changedModels)
        add("providers", addedProviders, removedProviders)
        add("deployments", addedDeployments, removedDeployments, changedDeployments)
        parts += otherChanges
        if !droppedOverrides.isEmpty { parts.append("dropped overrides: " + droppedOverrides.joined(separator: ", ")) }
        return parts.isEmpty ? "no change" : parts.joined(separator: "; ")
    }
}

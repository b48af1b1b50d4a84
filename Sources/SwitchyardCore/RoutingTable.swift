/// Everything routing reads that a reload replaces: the slot index, each group's strategy, and the task models
/// with their classifier. Immutable; the engine swaps whole tables.
final class RoutingTable: Sendable {
    let index: CatalogIndex
    /// By group slot.
    let strategies: [any RoutingStrategy]
    /// Task-routed model names (`auto`) and the classifier that tells their requests' tasks apart.
    let taskModels: [String: TaskModelSpec]
    let taskClassifier: TaskClassifier
    /// The deployment slots each task model can route to (its tasks', its escalation's and the teams' groups).
    let taskModelDeployments: [String: [Int]]

    init(index: CatalogIndex, exploration: Double) {
        self.index = index
        let catalog = index.catalog
        strategies = catalog.models.map { makeRoutingStrategy($0.strategy, exploration: exploration) }
        taskModels = Dictionary(catalog.taskRouting.models.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        taskClassifier = catalog.taskRouting.classifier
        taskModelDeployments = Dictionary(catalog.taskRouting.models.map { model in
            let names = Set(model.tasks.values.joined()).union(model.escalate.map { [$0.to] } ?? [])
                .union(catalog.taskRouting.teamTasks.values.flatMap { $0.values.joined() })
            return (model.name, names.compactMap { index.groupByName[$0] }.sorted().flatMap { index.groupDeployments[$0] })
        }, uniquingKeysWith: { first, _ in first })
    }
}

import SwitchyardCore

/// The rows each pane lists, after the filter: shared by the reducer (selection) and the renderer.
public struct PaneRows: Sendable {
    /// Providers matching the filter.
    public let providers: [ProviderSnapshot]
    /// Model groups matching the filter.
    public let models: [ModelSnapshot]
    /// Every error class (not filtered).
    public let errors: [ErrorClassSnapshot]
    /// Newest first.
    public let events: [GatewayEvent]
    /// Every budget (not filtered): global, teams, keys, models; fullest first within each kind.
    public let budgets: [BudgetSnapshot]
    /// Newest first.
    public let requests: [RequestRecord]
    /// A fleet's replicas, by name (none outside a fleet view).
    public let replicas: [ReplicaSnapshot]

    /// Rows of `snapshot` for `filter`: requests must match it; providers, models and events must contain its bare
    /// words (case-insensitive); errors and budgets are not filtered. `kept` is a request the operator holds
    /// selected: when the recent ring has moved past it, it stays listed, last (it is older than every other row).
    /// Panes with an order in `sort` are sorted by it (`s`).
    public init(_ snapshot: GatewaySnapshot?, filter: RequestFilter, kept: RequestRecord? = nil,
                sort: [Pane: SortOrder] = [:]) {
        let s = snapshot
        var providers = (s?.providers ?? []).filter { p in
            filter.matchesWords([p.name])
                || (s?.deployments ?? []).contains { $0.provider == p.name && filter.matchesWords([p.name, $0.id, $0.model]) }
        }
        var models = (s?.models ?? []).filter { filter.matchesWords([$0.name]) }
        errors = s?.errors ?? []
        events = (s?.events ?? []).reversed().filter { filter.matchesWords([$0.model, $0.from, $0.to]) }
        var budgets = Self.ordered(s?.budgets ?? [])
        var requests = filter.isEmpty ? (s?.requests ?? []).reversed() : (s?.requests ?? []).reversed().filter(filter.matches)
        if let kept, filter.matches(kept), !requests.contains(where: { $0.id == kept.id }) { requests.append(kept) }
        if let order = sort[.providers] { providers = order.sorted(providers, in: .providers, by: SortOrder.value) }
        if let order = sort[.latency] { models = order.sorted(models, in: .latency, by: SortOrder.value) }
        if let order = sort[.budget] { budgets = order.sorted(budgets, in: .budget, by: SortOrder.value) }
        if let order = sort[.requests] { requests = order.sorted(requests, in: .requests, by: SortOrder.value) }
        self.providers = providers
        self.models = models
        self.budgets = budgets
        self.requests = requests
        replicas = s?.fleet?.replicas ?? []
    }

    /// What identifies each row of `pane`, in order: the selection stays on its row by this across re-sorts and
    /// new snapshots.
    public func ids(_ pane: Pane) -> [String] {
        switch pane {
        case .providers: providers.map(\.name)
        case .latency: models.map(\.name)
        case .errors: errors.map(\.errorClass.rawValue)
        case .events: events.map { "\($0.sequence)" }
        case .budget: budgets.map { "\($0.scope.label) \($0.period.rawValue)" }
        case .requests: requests.map(\.id)
        case .replicas: replicas.map(\.name)
        }
    }

    /// Rows of `snapshot` for the filter expression `filter`; an expression that does not parse filters nothing.
    public init(_ snapshot: GatewaySnapshot?, filter: String) {
        self.init(snapshot, filter: (try? RequestFilter(parsing: filter)) ?? RequestFilter())
    }

    /// How many rows `pane` has.
    public func count(_ pane: Pane) -> Int {
        switch pane {
        case .providers: providers.count
        case .latency: models.count
        case .errors: errors.count
        case .events: events.count
        case .budget: budgets.count
        case .requests: requests.count
        case .replicas: replicas.count
        }
    }

    /// The deployments of `provider` in `snapshot`, in the provider's order.
    public static func deployments(of provider: String, in snapshot: GatewaySnapshot?) -> [DeploymentSnapshot] {
        guard let snapshot else { return [] }
        let byID = Dictionary(snapshot.deployments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let listed = snapshot.providers.first { $0.name == provider }?.deploymentIDs.compactMap { byID[$0] } ?? []
        return listed.isEmpty ? snapshot.deployments.filter { $0.provider == provider } : listed
    }

    /// The request with `id` in `snapshot`, if still in the recent ring.
    public static func request(_ id: String, in snapshot: GatewaySnapshot?) -> RequestRecord? {
        snapshot?.requests.first { $0.id == id }
    }

    /// Rows in the detail view `drill`.
    public static func drillCount(_ drill: Drill, in snapshot: GatewaySnapshot?) -> Int {
        switch drill {
        case .provider(let name): deployments(of: name, in: snapshot).count
        case .request(let id): request(id, in: snapshot)?.attempts.count ?? 0
        case .team(let name): TeamKey.keys(of: name, in: snapshot).count
        case .routing: snapshot?.routing?.count ?? 0
        }
    }

    /// Budgets in pane order: global, then teams, keys and models, each kind fullest first.
    public static func ordered(_ budgets: [BudgetSnapshot]) -> [BudgetSnapshot] {
        func rank(_ scope: BudgetScope) -> Int {
            switch scope {
            case .global: 0
            case .team: 1
            case .key: 2
            case .model: 3
            }
        }
        // Sort the indices so equal budgets keep their snapshot order (Array.sort is not guaranteed stable).
        let sorted = budgets.indices.sorted { a, b in
            let x = budgets[a], y = budgets[b]
            if rank(x.scope) != rank(y.scope) { return rank(x.scope) < rank(y.scope) }
            if x.fraction != y.fraction { return x.fraction > y.fraction }
            return a < b
        }
        return sorted.map { budgets[$0] }
    }
}

import Synchronization

/// Why a catalog was refused.
public struct CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the catalog, one line each.
    public var problems: [String]

    /// Creates the error from validation problems.
    public init(problems: [String]) { self.problems = problems }

    /// One-line summary of the problems.
    public var description: String { "invalid catalog: " + problems.joined(separator: "; ") }
}

/// The gateway engine: routes each request over a catalog's deployments with retries and fallbacks,
/// tracks health, metrics and spend, applies operator overrides, and produces snapshots.
public final class GatewayEngine: RequestHandler, Sendable {
    /// The catalog in force (overrides live in the engine); a reload replaces it.
    public var catalog: Catalog { routing.index.live }
    /// The tunables in effect.
    public let config: EngineConfig
    /// When to retry the same deployment, move on, or stop; derived from `config`.
    let retryPolicy: RetryPolicy
    /// What requests are routed over now; a request keeps reading slots it was routed to after a reload (see
    /// `CatalogIndex`), so swapping it never strands one.
    let table: Mutex<RoutingTable>
    let transport: any UpstreamTransport
    let clock: any EngineClock
    let state: Mutex<EngineState>
    /// Permissions, rate limits and budgets, asked before routing and settled after the answer; nil admits all.
    let admission: (any AdmissionControl)?
    /// Where every request that reached admission is recorded once it ends; nil records nothing.
    let ledger: (any LedgerSink)?
    /// Where each request's trace is recorded once it ends; nil records none.
    public let tracer: TraceRecorder?
    /// A fleet replica's view of the shared database, for snapshots; nil without one.
    let sharedState: SharedStateStatus?
    /// Called after each command that changed overrides (see `onControlChange`).
    let controlObservers = Mutex<[@Sendable (ControlChange) -> Void]>([])

    /// Creates an engine; throws `CatalogError` when `catalog.validationErrors()` is not empty.
    public init(
        catalog: Catalog, transport: any UpstreamTransport, clock: any EngineClock = SystemClock(),
        seed: UInt64 = 0x5EED, config: EngineConfig = EngineConfig(), admission: (any AdmissionControl)? = nil,
        ledger: (any LedgerSink)? = nil, tracer: TraceRecorder? = nil, sharedState: SharedStateStatus? = nil
    ) throws {
        let problems = catalog.validationErrors()
        guard problems.isEmpty else { throw CatalogError(problems: problems) }
        self.config = config
        retryPolicy = RetryPolicy(config)
        self.transport = transport
        self.clock = clock
        self.admission = admission
        self.ledger = ledger
        self.tracer = tracer
        self.sharedState = sharedState
        let routing = RoutingTable(index: CatalogIndex(catalog: catalog), exploration: config.latencyExploration)
        table = Mutex(routing)
        state = Mutex(EngineState(routing: routing, seed: seed, config: config))
    }

    /// The routing table in force.
    var routing: RoutingTable { table.withLock { $0 } }
    var index: CatalogIndex { routing.index }
    var strategies: [any RoutingStrategy] { routing.strategies }

    /// Running spend per key, team, model and globally.
    public func spendTotals() -> SpendTotals {
        state.withLock { $0.spendTotals }
    }

    /// Spend against every budget admission control enforces now (as in a snapshot, without building one).
    public func budgetSnapshots() -> [BudgetSnapshot] {
        admission?.budgetSnapshots(now: clock.now()) ?? []
    }

    /// Current circuit-breaker state of a deployment, or nil for an unknown id.
    public func breakerState(of deploymentID: String) -> BreakerState? {
        guard let d = index.deploymentByID[deploymentID] else { return nil }
        let now = clock.now()
        return state.withLock { s in
            s.refresh(d, now: now)
            return s.deployments[d].breaker.state
        }
    }
}

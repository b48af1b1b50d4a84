import Foundation
import SwitchyardConfig
import SwitchyardCore
import SwitchyardGovernance
import SwitchyardStore
import Synchronization

/// One gateway's governance: the governor the engine asks before routing, the durable ledger it charges, and
/// which teams and budgets the config file owns (the control API may not change those).
public final class GovernanceService: Sendable {
    /// Admission control: keys, permissions, rate limits, budgets.
    public let governor: Governor
    /// The SQLite database: the ledger (and, without a shared store, the runtime-managed keys, teams and budgets).
    public let database: StoreDatabase
    /// Where runtime-managed keys, teams and budgets are kept: `database`, or the fleet's shared database.
    public let store: any GovernanceStore
    /// Group-commit writer the engine appends settled requests to.
    public let writer: LedgerWriter
    /// Whether the fleet's shared database answers, for snapshots; nil for a gateway without one.
    public let sharedState: SharedStateStatus?
    /// The teams and budgets the config file defines; a reload replaces them.
    private let owned: Mutex<Governor.ConfigOwned>
    /// Team names defined in the config file.
    public var configTeams: Set<String> { Set(owned.withLock { $0.teams.map(\.name) }) }
    /// Budgets defined in the config file, by scope and period.
    public var configBudgets: Set<BudgetIdentity> { Set(owned.withLock { $0.budgets.map(BudgetIdentity.init) }) }

    /// Management changes made here, counted; one at a time, so the governor and the store see them in the same
    /// order, and a resync from a shared store can tell whether it read before a local change.
    private let changes = Mutex<UInt64>(0)

    /// The teams and budgets the config file defines.
    public var configOwned: Governor.ConfigOwned { owned.withLock { $0 } }

    /// The ledger as the engine sees it.
    public var ledger: any LedgerSink { writer }

    /// A fleet's shared ledger, once the replica has one; spend reports read it instead of `database`.
    private let sharedSpend = Mutex<(any SpendSource)?>(nil)

    /// Where spend reports come from: the shared ledger when set, else this gateway's own.
    public var spendSource: any SpendSource { sharedSpend.withLock { $0 } ?? database }

    /// Whether spend reports sum a fleet's shared ledger.
    public var sharesLedger: Bool { sharedSpend.withLock { $0 != nil } }

    /// Reports spend from `source` (a fleet's shared ledger) from now on.
    public func reportSpend(from source: any SpendSource) {
        sharedSpend.withLock { $0 = source }
    }

    init(
        governor: Governor, database: StoreDatabase, store: any GovernanceStore, writer: LedgerWriter,
        owned: Governor.ConfigOwned, sharedState: SharedStateStatus?
    ) {
        self.governor = governor
        self.database = database
        self.store = store
        self.writer = writer
        self.sharedState = sharedState
        self.owned = Mutex(owned)
    }

    /// Runs one management change (governor and store together), after and before no other.
    public func change<T: Sendable, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        try changes.withLock { (count: inout UInt64) throws(E) -> T in
            count &+= 1
            return try body()
        }
    }

    /// How many management changes have run.
    var changeCount: UInt64 { changes.withLock { $0 } }

    /// Runs `body` as a change only when no other ran since `count` was read; nil otherwise.
    func change<T: Sendable>(ifCountIs count: UInt64, _ body: () -> T) -> T? {
        changes.withLock { current in current == count ? body() : nil }
    }

    /// Makes `config`'s teams and budgets the config-owned ones, all or nothing (see `Governor.reconfigure`); a
    /// budget new to the gateway starts from what the ledger holds for its current period. Runtime-made keys,
    /// teams and budgets are untouched, unless the file now defines the same name (the file wins, as at start).
    public func reload(config: GatewayConfig, now: Double) throws {
        let next = Governor.ConfigOwned(teams: config.teams, budgets: config.budgets)
        try owned.withLock { previous in
            try governor.reconfigure(from: previous, to: next, now: now) { spec in
                let query = SpendQuery(scope: spec.scope, since: governor.periodStart(of: spec, now: now))
                return (try? database.spent([query]))?[query] ?? 0
            }
            previous = next
        }
    }

    /// Opens `<stateDirectory>/switchyard.db` (in memory when nil), merges the runtime-managed keys, teams and
    /// budgets (from `shared` when given, else from that file) with the config's, and rebuilds budget spend and
    /// burn from the ledger.
    public static func open(
        config: GatewayConfig, stateDirectory: String?, shared: (any GovernanceStore)? = nil, now: Double
    ) throws -> GovernanceService {
        try open(policy: config.policy, teams: config.teams, budgets: config.budgets, stateDirectory: stateDirectory,
                 shared: shared, now: now)
    }

    /// The same from parts (the demo has no config file).
    public static func open(
        policy: GovernancePolicy, teams: [TeamSpec], budgets: [BudgetSpec], stateDirectory: String?,
        shared: (any GovernanceStore)? = nil, now: Double
    ) throws -> GovernanceService {
        let database = try stateDirectory.map(StoreDatabase.init(directory:)) ?? StoreDatabase()
        let store = shared ?? database
        let owned = Governor.ConfigOwned(teams: teams, budgets: budgets)
        let stored = try StoredGovernance(store: store, owned: owned)
        let governor = try Governor(
            policy: policy, teams: teams + stored.teams, keys: stored.keys, budgets: budgets + stored.budgets,
            now: now, completionless: Self.isEmbeddings)
        let queries = governor.seedQueries(now: now)
        governor.seed(spent: try database.spent(queries), recent: try database.buckets(since: now - 86_400, width: 60),
                      now: now)
        return GovernanceService(
            governor: governor, database: database, store: store, writer: LedgerWriter(database: database),
            owned: owned, sharedState: shared.map { _ in SharedStateStatus() })
    }

    /// Embeddings produce no completion: only their input counts against TPM.
    @Sendable static func isEmbeddings(_ request: GatewayRequest) -> Bool {
        guard case .embeddings? = request.payload else { return false }
        return true
    }

    /// Waits for queued ledger entries to be written.
    public func close() async {
        await writer.close()
    }
}

/// A budget's identity: at most one budget per scope and period.
public struct BudgetIdentity: Sendable, Hashable {
    public var scope: BudgetScope
    public var period: BudgetPeriod

    public init(_ spec: BudgetSpec) {
        scope = spec.scope
        period = spec.period
    }

    public init(scope: BudgetScope, period: BudgetPeriod) {
        self.scope = scope
        self.period = period
    }
}

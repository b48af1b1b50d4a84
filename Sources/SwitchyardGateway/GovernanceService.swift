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
    /// The SQLite database: ledger and runtime-managed keys, teams and budgets.
    public let database: StoreDatabase
    /// Group-commit writer the engine appends settled requests to.
    public let writer: LedgerWriter
    /// The teams and budgets the config file defines; a reload replaces them.
    private let owned: Mutex<Governor.ConfigOwned>
    /// Team names defined in the config file.
    public var configTeams: Set<String> { Set(owned.withLock { $0.teams.map(\.name) }) }
    /// Budgets defined in the config file, by scope and period.
    public var configBudgets: Set<BudgetIdentity> { Set(owned.withLock { $0.budgets.map(BudgetIdentity.init) }) }

    /// The ledger as the engine sees it.
    public var ledger: any LedgerSink { writer }

    init(governor: Governor, database: StoreDatabase, writer: LedgerWriter, owned: Governor.ConfigOwned) {
        self.governor = governor
        self.database = database
        self.writer = writer
        self.owned = Mutex(owned)
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
    /// budgets with the config's, and rebuilds budget spend and burn from the ledger.
    public static func open(config: GatewayConfig, stateDirectory: String?, now: Double) throws -> GovernanceService {
        try open(policy: config.policy, teams: config.teams, budgets: config.budgets, stateDirectory: stateDirectory,
                 now: now)
    }

    /// The same from parts (the demo has no config file).
    public static func open(
        policy: GovernancePolicy, teams: [TeamSpec], budgets: [BudgetSpec], stateDirectory: String?, now: Double
    ) throws -> GovernanceService {
        let database = try stateDirectory.map(StoreDatabase.init(directory:)) ?? StoreDatabase()
        let configTeams = Set(teams.map(\.name))
        let configBudgets = Set(budgets.map(BudgetIdentity.init))
        // The config wins where both define the same team or budget: the file is what the operator reviews.
        let storedTeams = try database.teams().filter { !configTeams.contains($0.name) }.map { team in
            var team = team
            team.limits = team.limits.withinBounds
            return team
        }
        let storedBudgets = try database.budgets().filter { !configBudgets.contains(BudgetIdentity($0)) }.map(\.withinBounds)
        let storedKeys = try database.keys().map { key in
            var key = key
            key.limits = key.limits.withinBounds
            return key
        }
        let governor = try Governor(
            policy: policy, teams: teams + storedTeams, keys: storedKeys, budgets: budgets + storedBudgets,
            now: now, completionless: Self.isEmbeddings)
        let queries = governor.seedQueries(now: now)
        governor.seed(spent: try database.spent(queries), recent: try database.buckets(since: now - 86_400, width: 60),
                      now: now)
        return GovernanceService(
            governor: governor, database: database, writer: LedgerWriter(database: database),
            owned: Governor.ConfigOwned(teams: teams, budgets: budgets))
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

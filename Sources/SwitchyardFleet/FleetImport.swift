import SwitchyardCore
import SwitchyardStore

/// Moves one gateway's state (its SQLite database and its overrides and audit files) into the shared database:
/// keys, teams and budget definitions are written as they are (a second run writes the same), the overrides in
/// force (if any) become the fleet's, audit records and ledger rows are added unless already there. The ledger rows keep their
/// local ids under `store.replica`, so running it twice adds nothing.
public struct FleetImport {
    /// What was moved.
    public struct Outcome: Sendable, Hashable {
        public var keys = 0
        public var teams = 0
        public var budgets = 0
        /// Whether overrides in force were found (and written).
        public var overrides = false
        public var auditRecords = 0
        /// Audit records not in the shared trail before.
        public var newAuditRecords = 0
        /// The source ledger's totals.
        public var ledgerRows = 0
        public var inputTokens = 0
        public var outputTokens = 0
        public var cost = 0.0
        /// Ledger rows not in the shared ledger before.
        public var newLedgerRows = 0
        /// What the shared ledger holds for the replica name afterwards.
        public var sharedRows = 0
        public var sharedCost = 0.0

        public init() {}
    }

    public let database: StoreDatabase
    public let files: any OverrideStore
    public let store: FleetStore
    /// Ledger rows a statement.
    public var batchSize = 1000

    public init(database: StoreDatabase, files: any OverrideStore, store: FleetStore) {
        self.database = database
        self.files = files
        self.store = store
    }

    /// Moves everything; throws at the first failure (what was written stays: a second run completes it).
    public func run() throws -> Outcome {
        var outcome = Outcome()
        for key in try database.keys() {
            try store.saveKey(key)
            outcome.keys += 1
        }
        for team in try database.teams() {
            try store.saveTeam(team)
            outcome.teams += 1
        }
        for budget in try database.budgets() {
            try store.saveBudget(budget)
            outcome.budgets += 1
        }
        // None in force moves nothing: an empty set would wipe out what the fleet may already have.
        if let overrides = try files.loadOverrides(), !overrides.isEmpty {
            try store.importOverrides(overrides)
            outcome.overrides = true
        }
        for record in files.loadAudit(limit: Int.max) {
            outcome.auditRecords += 1
            if try store.importAudit(record) { outcome.newAuditRecords += 1 }
        }
        let ledger = FleetLedger(connection: store.connection)
        var after: Int64 = 0
        while true {
            let rows = try database.ledgerRows(after: after, limit: batchSize)
            guard let last = rows.last else { break }
            outcome.newLedgerRows += try ledger.insert(rows, replica: store.replica)
            for row in rows {
                outcome.ledgerRows += 1
                outcome.inputTokens &+= row.entry.inputTokens
                outcome.outputTokens &+= row.entry.outputTokens
                outcome.cost += row.entry.cost
            }
            after = last.id
        }
        let replica = store.replica
        let totals = try store.connection.query(
            "SELECT count(*)::bigint, coalesce(sum(cost), 0)::float8 FROM switchyard_ledger WHERE replica = \(replica)")
        if let row = totals.first, let (rows, cost) = try? row.decode((Int, Double).self) {
            outcome.sharedRows = rows
            outcome.sharedCost = cost
        }
        return outcome
    }
}

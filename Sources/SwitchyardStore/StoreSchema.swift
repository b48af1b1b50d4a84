import GRDB
import SwitchyardCore

/// The store's tables, as a sequence of named migrations. Never edit a shipped migration: append a new one.
enum StoreSchema {
    static let ledgerTable = "ledger"
    static let keysTable = "virtual_keys"
    static let teamsTable = "teams"
    static let budgetsTable = "budgets"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger-and-governance") { db in
            try db.create(table: ledgerTable) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("time", .double).notNull()
                t.column("request_id", .text).notNull()
                t.column("key", .text)
                t.column("team", .text)
                t.column("model", .text).notNull()
                t.column("deployment", .text)
                t.column("input_tokens", .integer).notNull()
                t.column("output_tokens", .integer).notNull()
                t.column("cost", .double).notNull()
                t.column("cost_known", .boolean).notNull()
                t.column("status", .integer).notNull()
            }
            // `cost` trails each index so budget sums at start are answered from the index alone.
            try db.create(index: "ledger_time", on: ledgerTable, columns: ["time", "cost"])
            try db.create(index: "ledger_key_time", on: ledgerTable, columns: ["key", "time", "cost"])
            try db.create(index: "ledger_team_time", on: ledgerTable, columns: ["team", "time", "cost"])
            try db.create(index: "ledger_model_time", on: ledgerTable, columns: ["model", "time", "cost"])

            try db.create(table: keysTable) { t in
                t.primaryKey("name", .text)
                // One secret identifies one key: a second record with the same hash is refused.
                t.column("hash", .text).notNull().unique()
                t.column("prefix", .text).notNull()
                t.column("team", .text)
                t.column("models", .jsonText)
                t.column("rpm", .integer)
                t.column("tpm", .integer)
                t.column("expires_at", .double)
                t.column("revoked_at", .double)
                t.column("created_at", .double).notNull()
                t.column("metadata", .jsonText).notNull()
            }
            try db.create(table: teamsTable) { t in
                t.primaryKey("name", .text)
                t.column("models", .jsonText)
                t.column("rpm", .integer)
                t.column("tpm", .integer)
                t.column("metadata", .jsonText).notNull()
            }
            try db.create(table: budgetsTable) { t in
                // The global scope has no name; '' keeps the primary key free of NULLs.
                t.column("scope_kind", .text).notNull()
                t.column("scope_name", .text).notNull()
                t.column("period", .text).notNull()
                t.column("limit_usd", .double).notNull()
                t.column("downgrade_to", .text)
                t.primaryKey(["scope_kind", "scope_name", "period"])
            }
        }
        // Traces lived here until they got a file of their own (`TraceSchema`); a database this creates drops the
        // empty tables again when it opens (`StoreDatabase.moveArchivedTraces`).
        migrator.registerMigration("v2-traces") { db in
            try TraceSchema.createTables(db)
        }
        migrator.registerMigration("v3-budget-policy") { db in
            try db.alter(table: budgetsTable) { t in
                t.add(column: "policy", .text).notNull().defaults(to: BudgetPolicy.refuse.rawValue)
            }
        }
        return migrator
    }
}

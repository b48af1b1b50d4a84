import GRDB
import SwitchyardCore

/// Inserts ledger entries through one cached prepared statement, inside the caller's transaction.
enum LedgerRowWriter {
    static let insertSQL = """
        INSERT INTO ledger (time, request_id, key, team, model, deployment, input_tokens, output_tokens, cost, \
        cost_known, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func insert(_ entries: some Sequence<LedgerEntry>, into db: Database) throws {
        let statement = try db.cachedStatement(sql: insertSQL)
        for e in entries {
            try statement.execute(arguments: [
                e.time, e.requestID, e.key, e.team, e.model, e.deployment, e.inputTokens, e.outputTokens, e.cost,
                e.costKnown, e.status,
            ])
        }
    }

    /// Refuses what SQLite would silently mangle (NaN binds as NULL), so one bad entry cannot fail its batch.
    static func validate(_ entry: LedgerEntry) throws {
        guard entry.time.isFinite else { throw StoreError.invalidEntry(requestID: entry.requestID, reason: "time is not finite") }
        guard entry.cost.isFinite else { throw StoreError.invalidEntry(requestID: entry.requestID, reason: "cost is not finite") }
    }
}

extension StoreDatabase {
    /// Inserts `entries` in one transaction, bypassing group commit (imports, benchmarks, tests).
    public func insertLedger(_ entries: [LedgerEntry]) throws {
        for e in entries { try LedgerRowWriter.validate(e) }
        try writer.write { db in try LedgerRowWriter.insert(entries, into: db) }
    }
}

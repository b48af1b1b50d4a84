import GRDB
import SwitchyardCore

/// A ledger row with the local id SQLite gave it: the journal order a shared ledger is shipped in.
public struct JournaledLedgerRow: Sendable, Hashable {
    /// The row's `ledger.id`; ids only grow, and a committed row never appears below one already read.
    public var id: Int64
    public var entry: LedgerEntry

    public init(id: Int64, entry: LedgerEntry) {
        self.id = id
        self.entry = entry
    }
}

/// The rows after a shipped-up-to id: how many wait, and since when.
public struct LedgerBacklog: Sendable, Hashable {
    public var rows: Int
    /// Epoch seconds of the oldest waiting row; nil when none wait.
    public var oldestTime: Double?

    public init(rows: Int, oldestTime: Double?) {
        self.rows = rows
        self.oldestTime = oldestTime
    }
}

extension StoreDatabase {
    /// Up to `limit` ledger rows with an id above `id`, in id order. The single SQLite writer assigns ids in
    /// commit order, so a reader that has seen id N will never later find a committed row below N.
    public func ledgerRows(after id: Int64, limit: Int) throws -> [JournaledLedgerRow] {
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, time, request_id, key, team, model, deployment, input_tokens, output_tokens, cost, cost_known,
                status FROM ledger WHERE id > ? ORDER BY id LIMIT ?
                """, arguments: [id, max(0, limit)])
            var result: [JournaledLedgerRow] = []
            while let row = try rows.next() {
                result.append(JournaledLedgerRow(id: row["id"], entry: LedgerEntry(
                    time: row["time"], requestID: row["request_id"], key: row["key"], team: row["team"],
                    model: row["model"], deployment: row["deployment"], inputTokens: row["input_tokens"],
                    outputTokens: row["output_tokens"], cost: row["cost"], costKnown: row["cost_known"],
                    status: row["status"])))
            }
            return result
        }
    }

    /// The rows with an id above `id`.
    public func ledgerBacklog(after id: Int64) throws -> LedgerBacklog {
        try writer.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, MIN(time) AS oldest FROM ledger WHERE id > ?",
                                       arguments: [id])
            let rows: Int = row?["n"] ?? 0
            let oldest: Double? = row?["oldest"]
            return LedgerBacklog(rows: rows, oldestTime: oldest)
        }
    }

    /// The highest ledger id (0 for an empty ledger).
    public func ledgerLastID() throws -> Int64 {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(MAX(id), 0) FROM ledger") ?? 0 }
    }
}

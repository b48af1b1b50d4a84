import Foundation
import GRDB

extension StoreDatabase {
    /// Moves traces archived in this file by an earlier version to `traces.db` beside it, then drops the old
    /// tables (a database made now has them empty, from the shipped migration, and only drops them). Each file
    /// commits on its own, so the copy ignores rows already there: interrupted, it finishes at the next start.
    func moveArchivedTraces() throws {
        let traces = TraceSchema.tracesTable
        let json = TraceSchema.traceJSONTable
        // nil: no such table (moved already).
        let hasRows: Bool? = try writer.read { db in
            guard try db.tableExists(traces) else { return nil }
            return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(traces))") ?? false
        }
        guard let hasRows else { return }
        let drop = "DROP TABLE \(json); DROP TABLE \(traces)"
        guard hasRows, path != ":memory:" else {
            try writer.write { db in try db.execute(sql: drop) }
            return
        }
        let target = (path as NSString).deletingLastPathComponent + "/" + TraceDatabase.fileName
        do {
            try TraceDatabase(file: target).close()
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS moved", arguments: [target])
                defer { try? db.execute(sql: "DETACH DATABASE moved") }
                let columns = TraceRow.columns
                try db.inTransaction {
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO moved.\(traces) (\(columns))
                            SELECT \(columns) FROM main.\(traces) ORDER BY rowid;
                        INSERT OR IGNORE INTO moved.\(json) (trace_rowid, json)
                            SELECT n.rowid, j.json FROM main.\(traces) o
                            JOIN main.\(json) j ON j.trace_rowid = o.rowid
                            JOIN moved.\(traces) n ON n.id = o.id;
                        \(drop)
                        """)
                    return .commit
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.openFailed(path: target, reason: "moving the archived traces there: \(error)")
        }
    }
}

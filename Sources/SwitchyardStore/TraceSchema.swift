import GRDB

/// The trace archive's tables: one row per request with the columns queries narrow on, and its JSON beside it.
enum TraceSchema {
    static let tracesTable = "traces"
    static let traceJSONTable = "trace_json"

    /// The archive's file's migrations. Never edit a shipped migration: append a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-traces") { db in
            try createTables(db)
        }
        return migrator
    }

    /// Creates the tables, their indexes and the trigger that deletes a trace's JSON with its row.
    static func createTables(_ db: Database) throws {
        try db.create(table: tracesTable) { t in
            // The implicit rowid orders rows by arrival: the retention sweep and paging tie-break on it.
            t.column("id", .text).notNull().unique()
            t.column("trace_id", .text).notNull()
            t.column("time", .double).notNull()
            t.column("model", .text).notNull()
            t.column("status", .integer).notNull()
            t.column("key", .text)
            t.column("team", .text)
            t.column("latency", .double).notNull()
            t.column("fell_back", .boolean).notNull()
            t.column("deployment", .text)
            // Numbers the filter language compares, so such terms narrow in SQL instead of decoding every row.
            t.column("tokens", .integer).notNull()
            t.column("cost", .double).notNull()
            t.column("ttft", .double)
            t.column("attempts", .integer).notNull()
            t.column("stream", .boolean).notNull()
            // Each attempt's "deployment<TAB>error class" on a line: with the columns above, enough to run any
            // filter without decoding the JSON. NULL when a name holds a tab or newline (then the JSON decides).
            t.column("attempt_list", .text)
        }
        // The JSON lives apart so that scanning `traces` reads a few hundred bytes a row, not kilobytes.
        try db.create(table: traceJSONTable) { t in
            t.primaryKey("trace_rowid", .integer)
            t.column("json", .text).notNull()
        }
        try db.execute(sql: """
            CREATE TRIGGER traces_delete_json AFTER DELETE ON \(tracesTable)
            BEGIN DELETE FROM \(traceJSONTable) WHERE trace_rowid = old.rowid; END
            """)
        try db.create(index: "traces_time", on: tracesTable, columns: ["time"])
        try db.create(index: "traces_trace_id", on: tracesTable, columns: ["trace_id"])
        try db.create(index: "traces_model_time", on: tracesTable, columns: ["model", "time"])
        try db.create(index: "traces_key_time", on: tracesTable, columns: ["key", "time"])
        try db.create(index: "traces_team_time", on: tracesTable, columns: ["team", "time"])
    }
}

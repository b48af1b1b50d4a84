import GRDB
import SwitchyardCore

/// The ledger's read side, as SQL over one `Database`: shared by the blocking and the async entry points.
enum LedgerQueries {
    static func spent(_ queries: [SpendQuery], in db: Database) throws -> [SpendQuery: Double] {
        var result: [SpendQuery: Double] = [:]
        result.reserveCapacity(queries.count)
        for q in queries where result[q] == nil {
            let sql: String
            let arguments: StatementArguments
            switch q.scope {
            case .global:
                sql = "SELECT TOTAL(cost) FROM ledger WHERE time >= ?"
                arguments = [q.since]
            case .key(let name):
                sql = "SELECT TOTAL(cost) FROM ledger WHERE key = ? AND time >= ?"
                arguments = [name, q.since]
            case .team(let name):
                sql = "SELECT TOTAL(cost) FROM ledger WHERE team = ? AND time >= ?"
                arguments = [name, q.since]
            case .model(let name):
                sql = "SELECT TOTAL(cost) FROM ledger WHERE model = ? AND time >= ?"
                arguments = [name, q.since]
            }
            result[q] = try Double.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? 0
        }
        return result
    }

    static func buckets(since: Double, width: Double, in db: Database) throws -> [SpendBucket] {
        guard width > 0, width.isFinite else { return [] }
        // floor(time / width) without SQLite's optional math functions: truncate, then step down for negatives.
        let sql = """
            SELECT b, key, team, model, TOTAL(cost) AS cost, COUNT(*) AS requests FROM (
                SELECT CAST(time / :w AS INTEGER) - (time / :w < CAST(time / :w AS INTEGER)) AS b,
                       key, team, model, cost
                FROM ledger WHERE time >= :since
            ) GROUP BY b, key, team, model ORDER BY b, key, team, model
            """
        let rows = try Row.fetchCursor(db, sql: sql, arguments: ["w": width, "since": since])
        var result: [SpendBucket] = []
        while let row = try rows.next() {
            let b: Int64 = row["b"]
            result.append(SpendBucket(
                start: Double(b) * width, key: row["key"], team: row["team"], model: row["model"],
                cost: row["cost"], requests: row["requests"]))
        }
        return result
    }

    static func report(by grouping: SpendGrouping, since: Double, until: Double?, in db: Database) throws -> [SpendReportRow] {
        let column = grouping.column
        let (filter, arguments) = window(since: since, until: until)
        let sql = """
            SELECT \(column) AS name, \(aggregates) FROM ledger WHERE \(filter)
            GROUP BY \(column) ORDER BY cost DESC, name
            """
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { reportRow($0, name: $0["name"]) }
    }

    static func total(since: Double, until: Double?, in db: Database) throws -> SpendReportRow? {
        let (filter, arguments) = window(since: since, until: until)
        guard let row = try Row.fetchOne(db, sql: "SELECT \(aggregates) FROM ledger WHERE \(filter)", arguments: arguments),
              (row["requests"] as Int) > 0
        else { return nil }
        return reportRow(row, name: nil)
    }

    private static let aggregates = """
        COUNT(*) AS requests, TOTAL(status >= 400) AS errors, TOTAL(input_tokens) AS input_tokens, \
        TOTAL(output_tokens) AS output_tokens, TOTAL(cost) AS cost, TOTAL(NOT cost_known) AS unpriced, \
        MIN(time) AS first_time, MAX(time) AS last_time
        """

    private static func window(since: Double, until: Double?) -> (String, StatementArguments) {
        if let until { return ("time >= ? AND time < ?", [since, until]) }
        return ("time >= ?", [since])
    }

    private static func reportRow(_ row: Row, name: String?) -> SpendReportRow {
        // TOTAL() returns a float; token counts stay well inside Double's exact integer range.
        SpendReportRow(
            name: name, requests: row["requests"], errors: Int(row["errors"] as Double),
            inputTokens: Int(row["input_tokens"] as Double), outputTokens: Int(row["output_tokens"] as Double),
            cost: row["cost"], unpriced: Int(row["unpriced"] as Double),
            firstTime: row["first_time"] ?? 0, lastTime: row["last_time"] ?? 0)
    }
}

extension StoreDatabase {
    /// Dollars spent in each query's scope since its `since` (inclusive), read in one consistent snapshot.
    public func spent(_ queries: [SpendQuery]) throws -> [SpendQuery: Double] {
        try writer.read { db in try LedgerQueries.spent(queries, in: db) }
    }

    /// Dollars spent in each query's scope since its `since` (inclusive), off the caller's thread.
    public func spent(_ queries: [SpendQuery]) async throws -> [SpendQuery: Double] {
        try await writer.read { db in try LedgerQueries.spent(queries, in: db) }
    }

    /// Spend per key, team and model in buckets of `width` seconds (aligned to multiples of it) from `since` on.
    public func buckets(since: Double, width: Double) throws -> [SpendBucket] {
        try writer.read { db in try LedgerQueries.buckets(since: since, width: width, in: db) }
    }

    /// Spend per key, team and model in buckets of `width` seconds from `since` on, off the caller's thread.
    public func buckets(since: Double, width: Double) async throws -> [SpendBucket] {
        try await writer.read { db in try LedgerQueries.buckets(since: since, width: width, in: db) }
    }

    /// One row per group with requests in [since, until), highest cost first.
    public func report(by grouping: SpendGrouping, since: Double, until: Double? = nil) throws -> [SpendReportRow] {
        try writer.read { db in try LedgerQueries.report(by: grouping, since: since, until: until, in: db) }
    }

    /// Every request in [since, until) as one row (`name` nil), or nil when there were none.
    public func total(since: Double, until: Double? = nil) throws -> SpendReportRow? {
        try writer.read { db in try LedgerQueries.total(since: since, until: until, in: db) }
    }

    /// Rows and total of a report, read in one consistent snapshot, off the caller's thread.
    public func spendReport(by grouping: SpendGrouping, since: Double, until: Double? = nil) async throws -> SpendReport {
        try await writer.read { db in
            SpendReport(
                grouping: grouping, since: since, until: until,
                rows: try LedgerQueries.report(by: grouping, since: since, until: until, in: db),
                total: try LedgerQueries.total(since: since, until: until, in: db))
        }
    }

    /// Number of ledger rows (diagnostics, tests).
    public func ledgerCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledger") ?? 0 }
    }
}

import Foundation
import GRDB
import SwitchyardCore
import Synchronization

/// The trace archive (`traces.db`): one row per request with the columns queries narrow on, and the whole
/// `RequestTrace` as JSON in a table beside it. Keeps at most `capacity` rows, deleting the oldest.
public final class TraceStore: TraceArchive {
    /// The database the traces live in.
    public let database: TraceDatabase
    /// Most rows kept; the oldest beyond it are deleted.
    public let capacity: Int
    /// Rows stored between two retention sweeps: the table may run over its capacity by less than this between them.
    public let sweepInterval: Int
    /// Rows stored since the last sweep, and the table's row count once a sweep has counted it: kept up to date
    /// from then on, so sweeping never scans the table again.
    private let tally = Mutex<(sinceSweep: Int, rows: Int?)>((0, nil))

    /// An archive in `database` keeping `capacity` traces, sweeping older ones every `sweepInterval` stored rows
    /// (default: 1 % of the capacity, between 1 and 1,000).
    public init(database: TraceDatabase, capacity: Int = TracingConfig().archiveCapacity, sweepInterval: Int? = nil) {
        self.database = database
        self.capacity = max(1, capacity)
        self.sweepInterval = max(1, sweepInterval ?? min(1_000, self.capacity / 100))
    }

    /// Stores `traces` in one transaction, then sweeps when enough rows arrived. A trace stored again replaces
    /// itself; a different request that reused an id already stored (ids are the client's `x-request-id` when it
    /// sends one) is kept beside it under `ID~SUFFIX`, so no request can replace another's trace and a search by
    /// the id (a prefix) finds both.
    public func store(_ traces: [RequestTrace]) async throws {
        guard !traces.isEmpty else { return }
        let rows = try traces.map { try TraceRow($0) }
        let due = tally.withLock { t in
            t.sinceSweep += rows.count
            guard t.sinceSweep >= sweepInterval else { return false }
            t.sinceSweep = 0
            return true
        }
        // Bounded transactions: a backlog (the last flush at shutdown, or what gathered while the archive was
        // failing) can be thousands of traces, megabytes of pages, more than SQLite's cache holds before it spills.
        for start in stride(from: 0, to: rows.count, by: Self.rowsPerTransaction) {
            let chunk = rows[start..<min(start + Self.rowsPerTransaction, rows.count)]
            let added = try await database.writer.write { db in
                let delete = try db.cachedStatement(sql: TraceRow.deleteSQL)
                let insert = try db.cachedStatement(sql: TraceRow.insertSQL)
                let insertJSON = try db.cachedStatement(sql: TraceRow.insertJSONSQL)
                var replaced = 0
                for row in chunk {
                    try delete.execute(arguments: [row.id, row.renamed, row.traceID, row.key])
                    replaced += db.changesCount
                    try Self.insert(row, with: insert, in: db)
                    try insertJSON.execute(arguments: [db.lastInsertedRowID, row.json])
                }
                return chunk.count - replaced
            }
            tally.withLock { t in t.rows = t.rows.map { $0 + added } }
        }
        if due { try await sweep() }
    }

    /// Inserts `row`, or, when its id is taken by another request's trace, the same row under the first free of
    /// `ID~TRACEID` (the trace id's first 16 digits) and `ID~RANDOM`. (`INSERT OR IGNORE`, then the change count:
    /// a statement that failed on a constraint would report that error again on its next use.)
    private static func insert(_ row: TraceRow, with statement: Statement, in db: Database) throws {
        try statement.execute(arguments: row.arguments)
        guard db.changesCount == 0 else { return }
        var renamed = row
        let random = (0..<3).map { _ in "\(row.id)~\(String(UInt64.random(in: 0...UInt64.max), radix: 16))" }
        for id in [row.renamed] + random {
            renamed.id = id
            try statement.execute(arguments: renamed.arguments)
            if db.changesCount > 0 { return }
        }
        throw StoreError.invalidEntry(requestID: row.id, reason: "its id and every renamed form of it are taken")
    }

    /// Traces written per transaction.
    static let rowsPerTransaction = 256
    /// Traces deleted per transaction by a sweep.
    static let rowsPerSweepTransaction = 100

    /// Deletes the oldest rows beyond `capacity` now; returns how many went. The first sweep counts the table;
    /// later ones go by the count kept since. Deleting runs in transactions of `rowsPerSweepTransaction` rows:
    /// an archive far over a lowered capacity is trimmed in commits of bounded size, not one that holds its log.
    @discardableResult
    public func sweep() async throws -> Int {
        let start: Int
        if let known = tally.withLock({ $0.rows }) {
            start = known
        } else {
            start = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM traces") ?? 0 }
        }
        var rows = start
        while rows > capacity {
            let batch = min(rows - capacity, Self.rowsPerSweepTransaction)
            let gone = try await database.writer.write { db in try Self.deleteOldest(batch, db) }
            rows -= gone
            if gone < batch { break }
        }
        let deleted = start - rows
        // Rows stored meanwhile were added to the kept count; the first sweep starts it from its own count.
        tally.withLock { t in t.rows = (t.rows ?? start) - deleted }
        return deleted
    }

    /// The stored traces matching `query`, newest first. Time range and the simple filter terms run in SQL; the
    /// whole filter then runs on each decoded trace, reading pages until `limit` match or the rows run out.
    public func traces(matching query: TraceQuery) async throws -> [RequestTrace] {
        guard query.limit > 0 else { return [] }
        let narrowed = TraceSQLFilter(query)
        // A filter SQL answers whole needs one page; otherwise read ahead to spare round trips.
        let pageSize = min(1_000, max(query.limit * 2, 100))
        return try await database.writer.read { db in
            let decoder = JSONDecoder()
            let jsonByRowID = try db.cachedStatement(sql: "SELECT json FROM trace_json WHERE trace_rowid = ?")
            var found: [RequestTrace] = []
            var after: (time: Double, rowid: Int64)?
            while found.count < query.limit {
                var clauses = narrowed.clauses
                var arguments = narrowed.arguments
                if let after {
                    // `time <= ?` bounds the index range; the rest skips rows of that time already read.
                    clauses.append("time <= ? AND (time < ? OR rowid < ?)")
                    arguments += [after.time, after.time, after.rowid]
                }
                let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
                let sql = """
                    SELECT \(TraceFilterView.columns) FROM traces \(whereSQL)
                    ORDER BY time DESC, rowid DESC LIMIT \(pageSize)
                    """
                let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
                for row in rows {
                    // The columns decide where they can; only matches (or rows they cannot judge) are decoded.
                    if let view = TraceFilterView.record(row), !query.filter.matches(view) { continue }
                    let rowid: Int64 = row["rowid"]
                    guard let json = try String.fetchOne(jsonByRowID, arguments: [rowid]) else { continue }
                    let trace = try decoder.decode(RequestTrace.self, from: Data(json.utf8))
                    if query.matches(trace) {
                        found.append(trace)
                        if found.count == query.limit { break }
                    }
                }
                guard rows.count == pageSize, let last = rows.last else { break }
                let time: Double = last["time"]
                let rowid: Int64 = last["rowid"]
                after = (time, rowid)
            }
            return found
        }
    }

    /// The stored trace of request `id`.
    public func trace(id: String) async throws -> RequestTrace? {
        let json = try await database.writer.read { db in
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT j.json FROM traces t JOIN trace_json j ON j.trace_rowid = t.rowid WHERE t.id = ?"),
                arguments: [id])
        }
        return try json.map { try JSONDecoder().decode(RequestTrace.self, from: Data($0.utf8)) }
    }

    /// Rows stored now.
    public func count() throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM traces") ?? 0 }
    }

    /// Bytes of the whole database file's pages (`page_count × page_size`): traces, indexes and whatever else
    /// the database holds.
    public func databaseBytes() throws -> Int {
        try database.writer.read { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let size = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return pages * size
        }
    }

    /// Deletes the `count` oldest rows (by start time, then arrival); returns how many went.
    private static func deleteOldest(_ count: Int, _ db: Database) throws -> Int {
        try db.execute(
            sql: "DELETE FROM traces WHERE rowid IN (SELECT rowid FROM traces ORDER BY time, rowid LIMIT ?)",
            arguments: [count])
        return db.changesCount
    }
}

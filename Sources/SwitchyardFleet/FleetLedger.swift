import Logging
import PostgresNIO
import SwitchyardCore
import SwitchyardStore

/// The shared ledger table (`switchyard_ledger`): rows go in by (replica, local id), at most once each, and spend
/// reports sum every replica's rows.
public struct FleetLedger: Sendable {
    public let connection: FleetConnection

    public init(connection: FleetConnection) {
        self.connection = connection
    }

    /// The highest local id the shared ledger holds for `replica` (0 when none): every row of that replica's
    /// journal up to it has been shipped, as rows are shipped in id order.
    public func shippedThrough(replica: String) throws(FleetError) -> Int64 {
        let rows = try connection.query(
            "SELECT coalesce(max(local_id), 0)::bigint FROM switchyard_ledger WHERE replica = \(replica)")
        return (try? rows.first?.decode(Int64.self)) ?? 0
    }

    /// Inserts `rows` as `replica`'s in one statement, skipping those already there; returns how many were new.
    @discardableResult
    public func insert(_ rows: [JournaledLedgerRow], replica: String) throws(FleetError) -> Int {
        guard !rows.isEmpty else { return 0 }
        let query: PostgresQuery
        do {
            query = try Self.insertQuery(rows, replica: replica)
        } catch {
            throw FleetError("cannot encode ledger rows: \(error)")
        }
        return try connection.query(query).count
    }

    /// How many of `rows` the shared ledger holds under `replica` with another request id: rows another journal
    /// shipped under the same name (a row shipped twice by this one has the same request id).
    public func foreignRows(_ rows: [JournaledLedgerRow], replica: String) throws(FleetError) -> Int {
        guard let first = rows.first?.id, let last = rows.last?.id else { return 0 }
        let stored = try connection.query("""
            SELECT local_id, request_id FROM switchyard_ledger
            WHERE replica = \(replica) AND local_id >= \(first) AND local_id <= \(last)
            """)
        var mine: [Int64: String] = [:]
        for row in rows { mine[row.id] = row.entry.requestID }
        return stored.reduce(0) { count, row in
            guard let (id, request) = try? row.decode((Int64, String).self) else { return count }
            return mine[id].map { $0 == request ? count : count + 1 } ?? count
        }
    }

    /// One multi-row INSERT; 14 binds a row keep a batch of a few thousand rows well under PostgreSQL's 65,535.
    static func insertQuery(_ rows: [JournaledLedgerRow], replica: String) throws -> PostgresQuery {
        var binds = PostgresBindings(capacity: rows.count * columns.count)
        var tuples: [String] = []
        tuples.reserveCapacity(rows.count)
        var n = 0
        for row in rows {
            let e = row.entry
            try binds.append(replica)
            try binds.append(row.id)
            try binds.append(e.time)
            try binds.append(e.requestID)
            try appendOptional(e.key, to: &binds)
            try appendOptional(e.team, to: &binds)
            try binds.append(e.model)
            try appendOptional(e.deployment, to: &binds)
            try binds.append(Int64(e.inputTokens))
            try binds.append(Int64(e.outputTokens))
            try binds.append(e.cost)
            try binds.append(e.costKnown)
            try binds.append(Int32(clamping: e.status))
            let placeholders = (1...columns.count - 1).map { "$\(n + $0)" }.joined(separator: ", ")
            tuples.append("(\(placeholders))")
            n += columns.count - 1
        }
        let sql = """
            INSERT INTO switchyard_ledger (\(columns.dropLast().joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))
            ON CONFLICT (replica, local_id) DO NOTHING RETURNING local_id
            """
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    /// The inserted columns (`shipped_at` last, left to its default).
    private static let columns = [
        "replica", "local_id", "time", "request_id", "key", "team", "model", "deployment", "input_tokens",
        "output_tokens", "cost", "cost_known", "status", "shipped_at",
    ]

    private static func appendOptional(_ value: String?, to binds: inout PostgresBindings) throws {
        if let value { try binds.append(value) } else { binds.appendNull() }
    }

    // MARK: reports

    /// The fleet's spend over [since, until), grouped, highest cost first, with its total and how many replicas
    /// wrote the window's rows.
    public func report(by grouping: SpendGrouping, since: Double, until: Double?) throws(FleetError)
        -> (rows: [SpendReportRow], total: SpendReportRow?, replicas: Int)
    {
        let column = grouping.column
        let window: PostgresQuery
        if let until { window = "time >= \(since) AND time < \(until)" } else { window = "time >= \(since)" }
        let grouped = try connection.query(PostgresQuery(
            unsafeSQL: "SELECT \(column), \(Self.aggregates) FROM switchyard_ledger WHERE \(window.sql) GROUP BY \(column) ORDER BY cost DESC, \(column)",
            binds: window.binds))
        let totals = try connection.query(PostgresQuery(
            unsafeSQL: "SELECT NULL::text, \(Self.aggregates) FROM switchyard_ledger WHERE \(window.sql)",
            binds: window.binds))
        let rows = try grouped.map { row throws(FleetError) in try Self.reportRow(row) }
        guard let totalRow = totals.first else { return (rows, nil, 0) }
        let total = try Self.reportRow(totalRow)
        let replicas = (try? totalRow.makeRandomAccess()[9].decode(Int.self)) ?? 0
        return (rows, total.requests > 0 ? total : nil, replicas)
    }

    private static let aggregates = """
        count(*)::bigint, count(*) FILTER (WHERE status >= 400)::bigint, coalesce(sum(input_tokens), 0)::bigint, \
        coalesce(sum(output_tokens), 0)::bigint, coalesce(sum(cost), 0)::float8 AS cost, \
        count(*) FILTER (WHERE NOT cost_known)::bigint, min(time), max(time), count(DISTINCT replica)::bigint
        """

    private static func reportRow(_ row: PostgresRow) throws(FleetError) -> SpendReportRow {
        let columns = row.makeRandomAccess()
        do {
            return SpendReportRow(
                name: try columns[0].decode(String?.self), requests: try columns[1].decode(Int.self),
                errors: try columns[2].decode(Int.self), inputTokens: try columns[3].decode(Int.self),
                outputTokens: try columns[4].decode(Int.self), cost: try columns[5].decode(Double.self),
                unpriced: try columns[6].decode(Int.self), firstTime: try columns[7].decode(Double?.self) ?? 0,
                lastTime: try columns[8].decode(Double?.self) ?? 0)
        } catch {
            throw FleetError("unreadable spend row in the shared database: \(FleetError.reason(error))")
        }
    }
}

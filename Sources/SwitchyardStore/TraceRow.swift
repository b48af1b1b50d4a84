import Foundation
import GRDB
import SwitchyardCore

/// One trace as the `traces` table holds it: the columns queries narrow on, and the trace as JSON.
struct TraceRow: Sendable {
    /// Removes the same trace stored before — same request id (or its `renamed` form), trace id and key — so
    /// storing it again replaces it (its JSON goes with it, by trigger). Another request's trace under the same
    /// client-chosen id is never removed: that would let one tenant overwrite another's.
    static let deleteSQL = "DELETE FROM traces WHERE id IN (?, ?) AND trace_id = ? AND key IS ?"

    /// The id a trace is archived under when another request's trace holds its own: `ID~` and the first 16
    /// digits of its trace id.
    var renamed: String { "\(id)~\(traceID.prefix(16))" }
    /// The `traces` columns a row fills, in the order of `arguments`.
    static let columns = """
        id, trace_id, time, model, status, key, team, latency, fell_back, deployment, tokens, cost, ttft, attempts,
        stream, attempt_list
        """
    static let insertSQL = """
        INSERT OR IGNORE INTO traces (\(columns))
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertJSONSQL = "INSERT INTO trace_json (trace_rowid, json) VALUES (?, ?)"

    var id: String
    var traceID: String
    var time: Double
    var model: String
    var status: Int
    var key: String?
    var team: String?
    var latency: Double
    var fellBack: Bool
    var deployment: String?
    var tokens: Int
    var cost: Double
    var ttft: Double?
    var attempts: Int
    var stream: Bool
    var attemptList: String?
    var json: String

    /// The row of `trace`; refuses times and latencies SQLite could not order (NaN).
    init(_ trace: RequestTrace) throws {
        let r = trace.record
        guard r.time.isFinite, r.latency.isFinite, r.cost.isFinite, r.timeToFirstToken?.isFinite ?? true else {
            throw StoreError.invalidEntry(requestID: r.id, reason: "non-finite time, latency, cost or ttft in its trace")
        }
        id = r.id
        traceID = trace.traceID
        time = r.time
        model = r.model
        status = r.status
        key = r.key
        team = r.team
        latency = r.latency
        fellBack = r.fellBack
        deployment = r.servedBy
        tokens = r.inputTokens + r.outputTokens
        cost = r.cost
        ttft = r.timeToFirstToken
        attempts = r.attempts.count
        stream = r.stream
        attemptList = TraceFilterView.attemptList(r.attempts)
        json = TraceJSON.encode(trace)
    }

    var arguments: StatementArguments {
        [id, traceID, time, model, status, key, team, latency, fellBack, deployment, tokens, cost, ttft, attempts, stream,
         attemptList]
    }
}

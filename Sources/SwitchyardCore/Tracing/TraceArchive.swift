/// Durable storage for traces beyond the in-memory ring (SQLite in the state directory).
public protocol TraceArchive: Sendable {
    /// Stores finished traces (a batch, oldest first). Replaces a stored trace with the same id.
    func store(_ traces: [RequestTrace]) async throws
    /// Stored traces matching `query`, newest first, at most `query.limit`.
    func traces(matching query: TraceQuery) async throws -> [RequestTrace]
    /// The stored trace of request `id`.
    func trace(id: String) async throws -> RequestTrace?
}

import GRDB

/// Stored responses' SQLite file, `responses.db` in the state directory: a file of its own, so that keeping a
/// conversation (kilobytes a response) never queues behind a ledger commit.
public final class ResponseDatabase: Sendable {
    /// The file name inside the state directory.
    public static let fileName = "responses.db"
    static let table = "stored_responses"

    private let file: WALDatabase
    /// The database file, or ":memory:".
    public var path: String { file.path }

    /// Opens (creating if needed) `<directory>/responses.db` and brings its schema up to date.
    public convenience init(directory: String) throws {
        try self.init(file: try WALDatabase.file(named: Self.fileName, in: directory))
    }

    /// Opens (creating if needed) the file at `file`.
    public init(file: String) throws {
        self.file = try WALDatabase(file: file, migrator: Self.migrator)
    }

    /// In memory (tests, a gateway without a state directory): nothing survives the process.
    public init() throws {
        file = try WALDatabase(inMemoryWith: Self.migrator)
    }

    /// Never edit a shipped migration: append a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-stored-responses") { db in
            try db.create(table: table) { t in
                t.primaryKey("id", .text)
                t.column("key", .text).notNull()
                t.column("created_at", .double).notNull()
                t.column("expires_at", .double).notNull()
                t.column("history", .text).notNull()
                t.column("response", .text).notNull()
            }
            try db.create(index: "stored_responses_expires_at", on: table, columns: ["expires_at"])
        }
        return migrator
    }

    /// Keeps `row`, replacing one with the same id.
    public func save(_ row: StoredResponseRow) async throws {
        try await file.writer.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO \(Self.table) (id, key, created_at, expires_at, history, response) "
                    + "VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [row.id, row.key, row.createdAt, row.expiresAt, row.history, row.response])
        }
    }

    /// The response `id` made with `key`, unless it expired by `now`.
    public func find(id: String, key: String, now: Double) async throws -> StoredResponseRow? {
        try await file.writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, key, created_at, expires_at, history, response FROM \(Self.table) "
                    + "WHERE id = ? AND key = ? AND expires_at > ?",
                arguments: [id, key, now]
            ).map { row in
                StoredResponseRow(
                    id: row["id"], key: row["key"], createdAt: row["created_at"], expiresAt: row["expires_at"],
                    history: row["history"], response: row["response"])
            }
        }
    }

    /// Deletes the response `id` made with `key`; whether there was one.
    public func delete(id: String, key: String) async throws -> Bool {
        try await file.writer.write { db in
            try db.execute(sql: "DELETE FROM \(Self.table) WHERE id = ? AND key = ?", arguments: [id, key])
            return db.changesCount > 0
        }
    }

    /// Deletes what expired by `now`; how many.
    public func prune(now: Double) async throws -> Int {
        try await file.writer.write { db in
            try db.execute(sql: "DELETE FROM \(Self.table) WHERE expires_at <= ?", arguments: [now])
            return db.changesCount
        }
    }

    /// Closes the connections; later calls fail.
    public func close() throws {
        try file.close()
    }
}

import Foundation
import GRDB

/// One SQLite file as the store keeps it: WAL mode, `synchronous = NORMAL`, its schema migrated on open, and its
/// log checkpointed in the background shortly after commits rather than inside one. The state database and the
/// trace archive are each one of these, so their writers never queue behind each other.
final class WALDatabase: Sendable {
    /// The database file, or ":memory:".
    let path: String
    let writer: any DatabaseWriter
    private let checkpointer: WALCheckpointer?

    /// Pages the writer's own automatic checkpoint waits for (32 MiB of log): only reached when the background
    /// checkpoints cannot keep up or keep failing.
    static let automaticCheckpointPages = 8_192
    /// Bytes the log file is cut back to after a checkpoint has emptied it.
    static let logSizeLimit = 16 << 20

    /// `<directory>/<name>`, creating the directory (mode 0700) when missing.
    static func file(named name: String, in directory: String) throws -> String {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.openFailed(path: directory, reason: "cannot create the directory: \(error.localizedDescription)")
        }
        let trimmed = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        return trimmed + "/" + name
    }

    /// Opens (creating if needed) `file` and brings its schema up to date with `migrator`.
    init(file: String, migrator: DatabaseMigrator) throws {
        path = file
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // In WAL mode, NORMAL syncs the log at checkpoints only: a committed transaction survives the process
            // being killed (kill -9, crash) because it is in the OS's page cache; only a power loss or kernel
            // crash can roll back the last commits. FULL would fsync every commit for that last case.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.automaticCheckpointPages)")
            try db.execute(sql: "PRAGMA journal_size_limit = \(Self.logSizeLimit)")
        }
        // Several processes (the gateway, a ctl report) may touch the file; wait briefly instead of failing.
        configuration.busyMode = .timeout(5)
        do {
            writer = try DatabasePool(path: file, configuration: configuration)
        } catch {
            throw Self.openError(error, path: file)
        }
        try Self.migrate(writer, with: migrator, path: file)
        let checkpointer: WALCheckpointer
        do {
            checkpointer = try WALCheckpointer(file: file)
        } catch {
            throw Self.openError(error, path: file)
        }
        writer.add(transactionObserver: CommitSignal(checkpointer), extent: .databaseLifetime)
        self.checkpointer = checkpointer
    }

    /// An in-memory database with `migrator`'s schema: nothing survives the process.
    init(inMemoryWith migrator: DatabaseMigrator) throws {
        path = ":memory:"
        do {
            writer = try DatabaseQueue()
        } catch {
            throw Self.openError(error, path: path)
        }
        checkpointer = nil
        try Self.migrate(writer, with: migrator, path: path)
    }

    /// SQLite's journal mode for the file ("wal" for file databases).
    func journalMode() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Stops the checkpoints and closes the connections; later calls fail.
    func close() throws {
        checkpointer?.stop()
        if let pool = writer as? DatabasePool {
            try pool.close()
        } else if let queue = writer as? DatabaseQueue {
            try queue.close()
        }
    }

    private static func migrate(_ writer: any DatabaseWriter, with migrator: DatabaseMigrator, path: String) throws {
        do {
            let superseded = try writer.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded { throw StoreError.newerSchema(path: path) }
            try migrator.migrate(writer)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.openError(error, path: path)
        }
    }

    /// Turns SQLite's "not a database" family into an error that names the file.
    static func openError(_ error: any Error, path: String) -> StoreError {
        guard let dbError = error as? DatabaseError else {
            return .openFailed(path: path, reason: String(describing: error))
        }
        let reason = dbError.message ?? "\(dbError.resultCode)"
        switch dbError.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .notADatabase(path: path, reason: reason)
        default:
            return .openFailed(path: path, reason: reason)
        }
    }
}

import Foundation
import GRDB
import SwitchyardCore

/// Switchyard's durable state: one SQLite database holding the spend ledger and the keys, teams and budgets
/// managed at runtime. Safe to share; reads run concurrently with the ledger's writes.
public final class StoreDatabase: Sendable {
    /// The file name inside the state directory.
    public static let fileName = "switchyard.db"

    /// The database file, or ":memory:" for an in-memory store.
    public let path: String
    let writer: any DatabaseWriter

    /// Opens (creating if needed) `<directory>/switchyard.db` in WAL mode and brings its schema up to date.
    public convenience init(directory: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.openFailed(path: directory, reason: "cannot create the directory: \(error.localizedDescription)")
        }
        let trimmed = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        try self.init(file: trimmed + "/" + Self.fileName)
    }

    /// Opens (creating if needed) the database at `file` in WAL mode and brings its schema up to date.
    public init(file: String) throws {
        path = file
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // In WAL mode, NORMAL syncs the log at checkpoints only: a committed transaction survives the process
            // being killed (kill -9, crash) because it is in the OS's page cache; only a power loss or kernel
            // crash can roll back the last commits. FULL would fsync every commit for that last case.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // Several processes (the gateway, a ctl report) may touch the file; wait briefly instead of failing.
        configuration.busyMode = .timeout(5)
        do {
            writer = try DatabasePool(path: file, configuration: configuration)
        } catch {
            throw Self.openError(error, path: file)
        }
        try migrate()
    }

    /// An in-memory store (demo, tests): same schema, nothing survives the process.
    public init() throws {
        path = ":memory:"
        do {
            writer = try DatabaseQueue()
        } catch {
            throw Self.openError(error, path: path)
        }
        try migrate()
    }

    /// SQLite's journal mode for the file ("wal" for file databases).
    public func journalMode() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Closes the connections; later calls fail. Close the `LedgerWriter` first so pending entries are committed.
    public func close() throws {
        if let pool = writer as? DatabasePool {
            try pool.close()
        } else if let queue = writer as? DatabaseQueue {
            try queue.close()
        }
    }

    private func migrate() throws {
        let migrator = StoreSchema.migrator
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
    private static func openError(_ error: any Error, path: String) -> StoreError {
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

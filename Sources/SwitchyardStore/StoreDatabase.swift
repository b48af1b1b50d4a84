import Foundation
import GRDB
import SwitchyardCore

/// Switchyard's durable state: one SQLite database holding the spend ledger and the keys, teams and budgets
/// managed at runtime. Safe to share; reads run concurrently with the ledger's writes.
public final class StoreDatabase: Sendable {
    /// The file name inside the state directory.
    public static let fileName = "switchyard.db"

    private let file: WALDatabase
    /// The database file, or ":memory:" for an in-memory store.
    public var path: String { file.path }
    var writer: any DatabaseWriter { file.writer }

    /// Opens (creating if needed) `<directory>/switchyard.db` in WAL mode and brings its schema up to date. Traces
    /// an older version archived in it move to the trace archive's own file first (see `TraceDatabase`).
    public convenience init(directory: String) throws {
        try self.init(file: try WALDatabase.file(named: Self.fileName, in: directory))
    }

    /// Opens (creating if needed) the database at `file` in WAL mode and brings its schema up to date.
    public init(file: String) throws {
        self.file = try WALDatabase(file: file, migrator: StoreSchema.migrator)
        try moveArchivedTraces()
    }

    /// An in-memory store (demo, tests): same schema, nothing survives the process.
    public init() throws {
        file = try WALDatabase(inMemoryWith: StoreSchema.migrator)
        try moveArchivedTraces()
    }

    /// SQLite's journal mode for the file ("wal" for file databases).
    public func journalMode() throws -> String {
        try file.journalMode()
    }

    /// Closes the connections; later calls fail. Close the `LedgerWriter` first so pending entries are committed.
    public func close() throws {
        try file.close()
    }
}

import GRDB

/// The trace archive's SQLite file, `traces.db` beside the state database. A file of its own gives it a writer of
/// its own: archiving a batch of traces never holds up a request's ledger commit, and its log (kilobytes per
/// trace) never fills the ledger's.
public final class TraceDatabase: Sendable {
    /// The file name inside the state directory.
    public static let fileName = "traces.db"

    private let file: WALDatabase
    /// The database file, or ":memory:" for an in-memory archive.
    public var path: String { file.path }
    var writer: any DatabaseWriter { file.writer }

    /// Opens (creating if needed) `<directory>/traces.db` and brings its schema up to date.
    public convenience init(directory: String) throws {
        try self.init(file: try WALDatabase.file(named: Self.fileName, in: directory))
    }

    /// Opens (creating if needed) the archive at `file` and brings its schema up to date.
    public init(file: String) throws {
        self.file = try WALDatabase(file: file, migrator: TraceSchema.migrator)
    }

    /// An in-memory archive (tests, a gateway without a state directory): nothing survives the process.
    public init() throws {
        file = try WALDatabase(inMemoryWith: TraceSchema.migrator)
    }

    /// SQLite's journal mode for the file ("wal" for file databases).
    public func journalMode() throws -> String {
        try file.journalMode()
    }

    /// Closes the connections; later calls fail. Flush the trace recorder first.
    public func close() throws {
        try file.close()
    }
}

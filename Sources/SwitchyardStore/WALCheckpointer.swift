import GRDB

/// Copies a database's write-ahead log back into the file from a connection of its own, on a timer. SQLite's
/// automatic checkpoint runs inside whichever commit pushes the log past its threshold and syncs the disk twice
/// there: that commit was a request's ledger row, and the request waited for it (p99 at one connection went from
/// 3.4 to 7.3 ms, with stalls of hundreds of milliseconds). Here the writer's commits only append to the log.
final class WALCheckpointer: Sendable {
    /// How often the log is checkpointed.
    static let interval: Duration = .milliseconds(250)

    private let connection: DatabaseQueue
    private let loop: Task<Void, Never>

    /// Starts checkpointing `file` (already in WAL mode) every `interval`.
    init(file: String, interval: Duration = WALCheckpointer.interval) throws {
        var configuration = Configuration()
        configuration.label = "checkpointer"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_size_limit = \(WALDatabase.logSizeLimit)")
        }
        let connection = try DatabaseQueue(path: file, configuration: configuration)
        self.connection = connection
        loop = Task.detached(priority: .utility) {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return
                }
                // PASSIVE never waits for the writer or readers: it copies what it can and leaves the rest for
                // the next tick. A failure (disk full, a reader holding an old snapshot) is the next tick's to retry;
                // the writer's own automatic checkpoint, set far higher, is the backstop.
                _ = try? await connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            }
        }
    }

    /// Stops the timer and closes the connection.
    func stop() {
        loop.cancel()
        try? connection.close()
    }

    deinit {
        loop.cancel()
    }
}

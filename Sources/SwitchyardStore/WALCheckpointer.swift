import GRDB
import Synchronization

/// Copies a database's write-ahead log back into the file from a connection of its own, shortly after commits.
/// SQLite's automatic checkpoint runs inside whichever commit pushes the log past its threshold and syncs the disk
/// twice there: that commit was a request's ledger row, and the request waited for it (p99 at one connection went
/// from 3.4 to 7.3 ms, with stalls of hundreds of milliseconds). Here the writer's commits only append to the log;
/// an idle database is never woken.
final class WALCheckpointer: Sendable {
    /// How long after a commit the log is checkpointed: commits meanwhile share the checkpoint.
    static let delay: Duration = .milliseconds(250)

    private let connection: DatabaseQueue
    private let commits = CommitLatch()
    private let loop: Task<Void, Never>

    /// Starts checkpointing `file` (already in WAL mode) `delay` after commits reported by `noteCommit()`.
    init(file: String, delay: Duration = WALCheckpointer.delay) throws {
        var configuration = Configuration()
        configuration.label = "checkpointer"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_size_limit = \(WALDatabase.logSizeLimit)")
        }
        let connection = try DatabaseQueue(path: file, configuration: configuration)
        self.connection = connection
        // The loop holds the latch and the connection, not the checkpointer, so dropping the database stops it.
        loop = Task.detached(priority: .utility) { [commits] in
            while await commits.next() {
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    return
                }
                // PASSIVE never waits for the writer or readers: it copies what it can and leaves the rest for the
                // next round. A failure (disk full, a reader holding an old snapshot) is retried after the next
                // commit; the writer's own automatic checkpoint, set far higher, is the backstop.
                _ = try? await connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            }
        }
    }

    /// Called after each commit of the database's writer.
    func noteCommit() {
        commits.set()
    }

    /// Stops checkpointing and closes the connection.
    func stop() {
        commits.stop()
        loop.cancel()
        try? connection.close()
    }

    deinit {
        commits.stop()
        loop.cancel()
    }
}

/// A flag the writer's commits raise and the checkpoint loop waits on, so an idle database wakes nobody.
private final class CommitLatch: Sendable {
    private struct State {
        var raised = false
        var stopped = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func set() {
        state.withLock { s in
            s.raised = true
            return s.waiter.take()
        }?.resume()
    }

    func stop() {
        state.withLock { s in
            s.stopped = true
            return s.waiter.take()
        }?.resume()
    }

    /// Waits until raised (and lowers it again): true, or stopped: false.
    func next() async -> Bool {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let ready: Bool = state.withLock { s in
                if s.raised || s.stopped { return true }
                s.waiter = waiter
                return false
            }
            if ready { waiter.resume() }
        }
        return state.withLock { s in
            guard !s.stopped else { return false }
            s.raised = false
            return true
        }
    }
}

/// Tells the checkpointer about the writer's commits.
final class CommitSignal: TransactionObserver {
    private let checkpointer: WALCheckpointer

    init(_ checkpointer: WALCheckpointer) {
        self.checkpointer = checkpointer
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { checkpointer.noteCommit() }
    func databaseDidRollback(_ db: Database) {}
}

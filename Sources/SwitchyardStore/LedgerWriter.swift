import GRDB
import Synchronization
import SwitchyardCore

/// The durable ledger sink with group commit: `append` enqueues and returns once the transaction holding the
/// entry has committed. Entries arriving while one commit runs form the next batch, so the per-request cost is
/// an enqueue and a wake-up, and one commit serves up to `maxBatch` concurrent requests.
public final class LedgerWriter: LedgerSink {
    /// Committed totals, for benchmarks and diagnostics.
    public struct Stats: Sendable, Hashable {
        /// Entries committed.
        public var rows: Int
        /// Transactions committed (rows / batches is the mean batch size).
        public var batches: Int
        /// Entries whose batch failed.
        public var failedRows: Int
    }

    private struct Pending: Sendable {
        var entry: LedgerEntry
        var waiter: CheckedContinuation<Void, any Error>
    }

    private struct State: Sendable {
        var queue: [Pending] = []
        /// True while a batch is being committed: new entries wait for the next batch.
        var committing = false
        var closed = false
        /// Sequence numbers of entries enqueued and of entries whose batch finished (committed or failed).
        var enqueued = 0
        var finished = 0
        var flushWaiters: [(target: Int, waiter: CheckedContinuation<Void, Never>)] = []
        var stats = Stats(rows: 0, batches: 0, failedRows: 0)
    }

    private let database: StoreDatabase
    private let maxBatch: Int
    private let state = Mutex(State())

    /// A writer into `database`'s ledger committing at most `maxBatch` entries per transaction.
    public init(database: StoreDatabase, maxBatch: Int = 512) {
        self.database = database
        self.maxBatch = max(1, maxBatch)
    }

    /// Records `entry`; returns once it is committed, throws the commit's error (shared by its whole batch)
    /// or `StoreError.writerClosed` after `close()`.
    public func append(_ entry: LedgerEntry) async throws {
        try LedgerRowWriter.validate(entry)
        try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
            let outcome: Enqueued = state.withLock { s in
                if s.closed { return .refused }
                s.queue.append(Pending(entry: entry, waiter: waiter))
                s.enqueued += 1
                guard !s.committing else { return .queued }
                s.committing = true
                return .startsCommit
            }
            switch outcome {
            case .refused: waiter.resume(throwing: StoreError.writerClosed)
            case .queued: break
            case .startsCommit: commitNextBatch()
            }
        }
    }

    private enum Enqueued { case refused, queued, startsCommit }

    /// Returns once every entry appended before the call has been committed (or has failed).
    public func flush() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let ready: Bool = state.withLock { s in
                if s.finished >= s.enqueued { return true }
                s.flushWaiters.append((s.enqueued, waiter))
                return false
            }
            if ready { waiter.resume() }
        }
    }

    /// Refuses further entries and returns once the queued ones are committed. Call it on shutdown.
    public func close() async {
        state.withLock { $0.closed = true }
        await flush()
    }

    /// Committed totals so far.
    public var stats: Stats { state.withLock { $0.stats } }

    /// Entries taken in so far, committed or not.
    var enqueuedCount: Int { state.withLock { $0.enqueued } }

    /// Takes the next batch off the queue and commits it on the database's writer queue; the completion starts
    /// the batch that gathered meanwhile. Runs without a Swift task: GRDB's serial writer queue is the loop.
    private func commitNextBatch() {
        let batch: [Pending] = state.withLock { s in
            if s.queue.isEmpty {
                s.committing = false
                return []
            }
            // The usual case takes the whole queue without copying; only a backlog beyond the cap is split.
            if s.queue.count <= maxBatch {
                defer { s.queue = [] }
                return s.queue
            }
            let taken = Array(s.queue.prefix(maxBatch))
            s.queue.removeFirst(maxBatch)
            return taken
        }
        guard !batch.isEmpty else { return }
        database.writer.asyncWrite({ db in
            try LedgerRowWriter.insert(batch.lazy.map(\.entry), into: db)
        }, completion: { [self] _, result in
            finish(batch, result: result)
        })
    }

    private func finish(_ batch: [Pending], result: Result<Void, any Error>) {
        let flushed: [CheckedContinuation<Void, Never>] = state.withLock { s in
            s.finished += batch.count
            switch result {
            case .success:
                s.stats.rows += batch.count
                s.stats.batches += 1
            case .failure:
                s.stats.failedRows += batch.count
            }
            var ready: [CheckedContinuation<Void, Never>] = []
            let finished = s.finished
            s.flushWaiters.removeAll { item in
                guard item.target <= finished else { return false }
                ready.append(item.waiter)
                return true
            }
            return ready
        }
        for p in batch { p.waiter.resume(with: result) }
        for w in flushed { w.resume() }
        commitNextBatch()
    }
}

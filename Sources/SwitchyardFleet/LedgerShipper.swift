import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import SwitchyardStore
import Synchronization

/// Ships this replica's ledger to the shared one, in the background. The local SQLite ledger stays the durable
/// journal the request path commits to (group commit, before the client's last byte); this service reads the rows
/// after its shipped-up-to cursor in id order and inserts them in bounded batches, idempotently by (replica, local
/// id). The cursor is the highest local id the shared ledger holds for this replica, read again at start and
/// after every failure, so a restart, a crash between insert and answer, or a database restored from a backup all
/// resume where the shared ledger really is. While the database is away the rows wait locally; losing it and
/// getting it back are logged once each.
public final class LedgerShipper: Service, Sendable {
    public let replica: String
    private let database: StoreDatabase
    private let ledger: FleetLedger
    private let batchSize: Int
    private let interval: Duration
    private let logger: Logger

    private struct State: Sendable {
        /// The highest local id known to be in the shared ledger; nil until read (again).
        var cursor: Int64?
        /// The last cursor read or shipped to, kept while it is being read again (for `backlog`).
        var known: Int64 = 0
        /// Why the last attempt failed; nil while shipping works.
        var failure: String?
        /// Rows shipped by this process.
        var shipped = 0
        /// Set once another journal is found shipping under this replica's name; shipping stops for good.
        var conflict: FleetError?
    }

    private let state = Mutex(State())
    private static let queue = BlockingQueue(label: "switchyard.fleet.ledger")

    /// Ships `database`'s ledger as `replica`'s through a connection of its own to `url`, at most `batchSize`
    /// rows a statement, looking for new rows every `interval`.
    public init(
        database: StoreDatabase, url: FleetDatabaseURL, replica: String, batchSize: Int = 500,
        interval: Duration = .milliseconds(100), logger: Logger
    ) {
        self.database = database
        self.replica = replica
        ledger = FleetLedger(connection: FleetConnection(url: url, logger: logger))
        self.batchSize = max(1, batchSize)
        self.interval = interval
        self.logger = logger
    }

    /// Ships until the group shuts down; then, the ledger writer being closed by then (it stops first), ships
    /// what remains for a few seconds.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.loop() }
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            guard let shipped = try? await Self.queue.run({ try self.shipBatch() }), shipped > 0 else { break }
        }
        _ = try? await Self.queue.run { self.close() }
    }

    /// Closes the shipper's connection (`run` does on its way out).
    public func close() {
        ledger.connection.close()
    }

    private func loop() async {
        var failures = 0
        while !Task.isCancelled {
            do {
                let shipped = try await Self.queue.run { try self.shipBatch() }
                failures = 0
                // A full batch means more are waiting: carry on at once.
                if shipped < batchSize { try? await Task.sleep(for: interval) }
            } catch {
                failures += 1
                let delay = min(5.0, 0.1 * Double(1 << min(failures, 6)))
                try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            }
        }
    }

    /// Ships the next batch after the cursor; returns how many rows it held (0: nothing waited).
    @discardableResult
    public func shipBatch() throws -> Int {
        do {
            // Two journals under one name: shipping more would lose this one's rows as false duplicates.
            if let conflict = state.withLock({ $0.conflict }) { throw conflict }
            let cursor = try currentCursor()
            let rows = try database.ledgerRows(after: cursor, limit: batchSize)
            guard let last = rows.last else {
                recovered()
                return 0
            }
            if try ledger.insert(rows, replica: replica) < rows.count {
                let foreign = try ledger.foreignRows(rows, replica: replica)
                if foreign > 0 {
                    let conflict = FleetError("\(foreign) rows of replica \(replica) with local ids \(rows[0].id)–\(last.id) are already in the shared ledger from another gateway shipping under the name \(replica); give each replica its own --replica")
                    state.withLock { $0.conflict = conflict }
                    throw conflict
                }
            }
            state.withLock { s in
                s.cursor = last.id
                s.known = last.id
                s.shipped += rows.count
            }
            recovered()
            return rows.count
        } catch {
            failed(error)
            throw error
        }
    }

    /// The cursor, read from the shared ledger when not known. A shared ledger holding rows of this replica
    /// beyond its journal's last means another journal wrote under this name: shipping would skip this one's
    /// rows as duplicates, so it stops until the name is changed.
    private func currentCursor() throws -> Int64 {
        if let known = state.withLock({ $0.cursor }) { return known }
        let shipped = try ledger.shippedThrough(replica: replica)
        let last = try database.ledgerLastID()
        guard shipped <= last else {
            throw FleetError("the shared ledger holds rows of replica \(replica) up to local id \(shipped), beyond this replica's last (\(last)): another gateway ships under the name \(replica); give this one another --replica")
        }
        state.withLock { s in
            s.cursor = shipped
            s.known = shipped
        }
        return shipped
    }

    private func failed(_ error: any Error) {
        let reason = FleetError.reason(error)
        let first: Bool = state.withLock { s in
            defer { s.failure = reason }
            // Read the cursor again once it works: the last insert may have committed unseen.
            s.cursor = nil
            return s.failure == nil
        }
        if first {
            logger.error("fleet: cannot ship ledger rows to \(ledger.connection.url): \(reason); keeping them in the local ledger and retrying")
        } else {
            logger.debug("fleet: still cannot ship ledger rows: \(reason)")
        }
    }

    private func recovered() {
        let was: String? = state.withLock { s in
            defer { s.failure = nil }
            return s.failure
        }
        if was != nil { logger.notice("fleet: shipping ledger rows to \(ledger.connection.url) again") }
    }

    /// What this replica has not shipped yet, and why when shipping is stalled; local reads only, so it answers
    /// while the database is away.
    public func backlog() throws -> (backlog: LedgerBacklog, failure: String?) {
        let (after, failure) = state.withLock { ($0.known, $0.failure) }
        return (try database.ledgerBacklog(after: after), failure)
    }

    /// Rows shipped by this process (diagnostics, tests).
    public var shippedRows: Int { state.withLock { $0.shipped } }
}

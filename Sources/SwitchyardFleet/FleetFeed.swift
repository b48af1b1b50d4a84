import Foundation
import Logging
import SwitchyardCore
import Synchronization

/// A dashboard's view of a whole fleet, read from the replicas' heartbeats in the shared database: the usual panes
/// aggregated over the live replicas (`FleetAggregation`) with the Replicas pane's rows beside them, or one
/// replica's own snapshot while it is watched. Commands are written to the shared overrides with an audit row, as
/// a replica's control plane writes them, and every replica takes them in through `FleetSync`.
public final class FleetFeed: GatewayFeed {
    /// Who the audit rows name as the writer (the operator is the record's actor).
    public static let writer = "top"

    public let url: FleetDatabaseURL
    /// The shared store commands are written through.
    public let store: FleetStore
    private let connection: ConnectionBroadcast
    private let state = Mutex(State())

    private struct State {
        var watching: String?
        /// The fleet's names as last read, to check commands against.
        var catalog: GatewaySnapshot?
        /// Overrides before each change made here, newest last: `undo` restores them.
        var undo: [(before: StoredOverrides, action: String, beforeText: String, afterText: String)] = []
        var sequence = 0
    }

    public init(url: FleetDatabaseURL, logger: Logger) {
        self.url = url
        // A dashboard waits on every read: a database that does not answer within this is shown as unreachable.
        store = FleetStore(connection: FleetConnection(url: url, timeout: .seconds(2), logger: logger), replica: Self.writer)
        connection = ConnectionBroadcast(.connecting(endpoint: url.description, attempt: 1))
    }

    /// Closes the database connection and ends the connection-state streams.
    public func shutdown() async {
        let store = store
        _ = try? await Self.queue.run { store.connection.close() }
        connection.finish()
    }

    public func snapshot() async throws -> GatewaySnapshot {
        let store = store
        let beats = try await Self.queue.run { try ReplicaHeartbeat.all(on: store.connection) }
        return view(beats, now: Date().timeIntervalSince1970)
    }

    /// The fleet every `interval` (at least every half second: heartbeats come once a second). While the database
    /// cannot be read the stream stays open, the connection state says why, and reading resumes when it answers.
    public func snapshots(every interval: Duration) -> AsyncThrowingStream<GatewaySnapshot, any Error> {
        let pace = max(interval, .milliseconds(500))
        return AsyncThrowingStream { continuation in
            let task = Task {
                let clock = ContinuousClock()
                var failures = 0
                while !Task.isCancelled {
                    var wait = pace
                    do {
                        continuation.yield(try await self.snapshot())
                        failures = 0
                        self.connection.set(.attached(endpoint: self.url.description))
                    } catch {
                        failures += 1
                        wait = .seconds(1)
                        self.connection.set(.disconnected(
                            endpoint: self.url.description, reason: "\(FeedConnection.databaseUnreachable): \(error)", attempt: failures + 1,
                            retryIn: 1))
                    }
                    do { try await clock.sleep(for: wait) } catch { break }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func connectionStates() -> AsyncStream<FeedConnection> {
        connection.stream()
    }

    public func watch(replica: String?) {
        state.withLock { $0.watching = replica }
    }

    /// Traces stay in each replica's own store.
    public func trace(id: String) async throws -> RequestTrace? {
        throw FleetError("traces stay on the replica that served the request: use `switchyard top` or `ctl trace` on its control socket")
    }

    /// Applies `command` to the shared overrides on behalf of `actor`: the same audit row and overrides a
    /// replica's control plane would write, so every replica takes it in within a second.
    public func send(_ command: ControlCommand, actor: String) async throws -> CommandResult {
        let store = store
        return try await Self.queue.run { [self] () throws -> CommandResult in
            let current: StoredOverrides
            do { current = try store.sharedOverrides() ?? StoredOverrides() } catch {
                throw FleetError("cannot read the shared overrides: \(error)")
            }
            return try self.state.withLock { s throws -> CommandResult in
                let change: FleetOverrideChange
                let action: String
                if command == .undo {
                    guard let last = s.undo.last else { return CommandResult(ok: false, message: "nothing to undo") }
                    change = .changed(last.before, before: last.afterText, after: last.beforeText)
                    action = "undo \(last.action)"
                } else {
                    guard let catalog = s.catalog else {
                        return CommandResult(ok: false, message: "no replica has reported yet: nothing to check \(command.summary) against")
                    }
                    change = FleetOverrideChange.apply(command, to: current, catalog: catalog)
                    action = command.summary
                }
                switch change {
                case .refused(let message): return CommandResult(ok: false, message: message)
                case .unchanged(let message): return CommandResult(ok: true, message: message)
                case .changed(let next, let before, let after):
                    s.sequence += 1
                    let record = AuditRecord(sequence: s.sequence, time: Date().timeIntervalSince1970, actor: actor,
                                             action: action, before: before, after: after)
                    store.adopted(current)
                    do { try store.record(ControlChange(record: record, overrides: next)) } catch {
                        throw FleetError("cannot write \(action) to the shared database: \(error)")
                    }
                    if command == .undo {
                        s.undo.removeLast()
                    } else {
                        s.undo.append((current, action, before, after))
                    }
                    return CommandResult(ok: true, message: "\(action): \(before) → \(after) (fleet-wide)", audit: record)
                }
            }
        }
    }

    /// What the panes show for `beats`: the live replicas merged, or the watched replica's own snapshot.
    func view(_ beats: [ReplicaHeartbeat], now: Double) -> GatewaySnapshot {
        let live = beats.filter(\.summary.isUp)
        let versions = Set(beats.map(\.version)).sorted()
        let info = GatewayInfo(mode: "fleet", address: nil, version: versions.isEmpty ? SwitchyardVersion.current : versions.joined(separator: "/"),
                               startedAt: beats.map(\.startedAt).min() ?? now)
        let fleet = FleetAggregation.merge(live.map(\.snapshot), info: info, time: now)
        // Names to check commands against: the live replicas', or, with none live, the last any reported.
        let catalog = live.isEmpty ? FleetAggregation.merge(beats.map(\.snapshot), info: info, time: now) : fleet
        return state.withLock { s in
            s.catalog = catalog
            var shown = fleet
            if let name = s.watching, let beat = beats.first(where: { $0.replica == name }) {
                shown = beat.snapshot
            }
            shown.fleet = FleetSnapshot(replicas: beats.map(\.summary), watching: s.watching)
            shown.canUndo = !s.undo.isEmpty
            return shown
        }
    }

    private static let queue = BlockingQueue(label: "switchyard.fleet.feed")
}

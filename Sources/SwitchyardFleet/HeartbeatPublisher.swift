import Logging
import ServiceLifecycle
import SwitchyardCore
import Synchronization

/// Publishes this replica's heartbeat into the shared database every `interval`, on a connection of its own and
/// off the request path: a slow or absent database delays only the next beat. An outage is logged once, and its
/// end once; a graceful shutdown marks the replica stopped.
public final class HeartbeatPublisher: Service, Sendable {
    private let connection: FleetConnection
    private let replica: String
    private let startedAt: Double
    private let controlSocket: String?
    private let interval: Duration
    private let snapshot: @Sendable () -> GatewaySnapshot
    private let logger: Logger
    private let address = Mutex<String?>(nil)

    /// `snapshot` is the replica's own, taken once per beat.
    public init(
        url: FleetDatabaseURL, replica: String, startedAt: Double, controlSocket: String?,
        interval: Duration = .seconds(1), logger: Logger, snapshot: @escaping @Sendable () -> GatewaySnapshot
    ) {
        // A beat that cannot be written within its interval is better skipped than waited for.
        connection = FleetConnection(url: url, timeout: .seconds(2), logger: logger)
        self.replica = replica
        self.startedAt = startedAt
        self.controlSocket = controlSocket
        self.interval = interval
        self.logger = logger
        self.snapshot = snapshot
    }

    /// Where the HTTP ingress listens, once it does.
    public func listening(on address: String) {
        self.address.withLock { $0 = address }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.beat() }
        let replica = replica, connection = connection
        do {
            try await Self.queue.run { try ReplicaHeartbeat.markStopped(replica, on: connection) }
        } catch {
            logger.warning("fleet: cannot mark replica \(replica) stopped: \(error)")
        }
        _ = try? await Self.queue.run { connection.close() }
    }

    private func beat() async {
        var failing = false
        let clock = ContinuousClock()
        var next = clock.now
        while !Task.isCancelled {
            let beat = ReplicaHeartbeat(
                replica: replica, version: SwitchyardVersion.current, startedAt: startedAt,
                address: address.withLock { $0 }, controlSocket: controlSocket,
                snapshot: ReplicaHeartbeat.compact(snapshot()))
            let connection = connection
            do {
                try await Self.queue.run { try beat.write(on: connection) }
                if failing { logger.notice("fleet: heartbeats of replica \(replica) resumed") }
                failing = false
            } catch {
                if !failing { logger.error("fleet: cannot publish the heartbeat of replica \(replica): \(error); retrying every beat") }
                failing = true
            }
            next = next.advanced(by: interval)
            if next < clock.now { next = clock.now.advanced(by: interval) }
            do { try await clock.sleep(until: next, tolerance: nil) } catch { break }
        }
    }

    private static let queue = BlockingQueue(label: "switchyard.fleet.heartbeat")
}

import Dispatch
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import SwitchyardCore
import SwitchyardGateway
import Synchronization

/// Keeps one replica in step with the shared database while it runs: it listens for the notifications every
/// write sends and then reads the shared keys, teams, budgets and overrides into the governor and the engine,
/// and reads them again every `resyncInterval` in case a notification was missed. When the listening
/// connection drops (the database restarted, the network failed) it says so, reconnects with backoff,
/// subscribes again and does a full resync. Circuit breakers are not shared: only operators' decisions are.
public struct FleetSync: Service {
    private let store: FleetStore
    private let governance: GovernanceService
    private let engine: GatewayEngine
    private let resyncInterval: Duration
    private let logger: Logger

    public init(
        store: FleetStore, governance: GovernanceService, engine: GatewayEngine, resyncInterval: Duration = .seconds(5),
        logger: Logger
    ) {
        self.store = store
        self.governance = governance
        self.engine = engine
        self.resyncInterval = resyncInterval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.loop() }
    }

    private func loop() async {
        var failures = 0
        var lost = false
        while !Task.isCancelled {
            let pending = Pending()
            var listener: PostgresConnection?
            do {
                let connection = try await blocking { try self.subscribe(pending) }
                listener = connection
                try await blocking { try self.resync() }
                if lost { logger.notice("fleet: reconnected to \(store.connection.url); resubscribed and resynced") }
                lost = false
                failures = 0
                var lastFull = ContinuousClock.now
                while !Task.isCancelled, !connection.isClosed {
                    try? await Task.sleep(for: .milliseconds(50))
                    let due = ContinuousClock.now - lastFull >= resyncInterval
                    if pending.take() || due {
                        try await blocking { try self.resync() }
                        lastFull = ContinuousClock.now
                    }
                }
                try? await connection.close()
                if !Task.isCancelled { throw FleetError("the listening connection closed") }
            } catch {
                if Task.isCancelled { break }
                try? await listener?.close()
                failures += 1
                let delay = min(5.0, 0.1 * Double(1 << min(failures, 6)))
                if !lost || failures == 1 {
                    logger.error("fleet: lost the shared database \(store.connection.url): \(FleetError.reason(error)); serving with the state last read, retrying")
                } else {
                    logger.debug("fleet: still cannot reach \(store.connection.url): \(FleetError.reason(error))")
                }
                lost = true
                try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            }
        }
        _ = try? await blocking { store.connection.close() }
    }

    /// Opens the listening connection and subscribes to the notifications channel.
    private func subscribe(_ pending: Pending) throws(FleetError) -> PostgresConnection {
        let connection = try store.connection.open()
        connection.addListener(channel: FleetSchema.channel) { _, _ in pending.mark() }
        do {
            _ = try FleetConnection.wait(
                connection.query("LISTEN \(unescaped: FleetSchema.channel)", logger: logger),
                timeout: store.connection.timeout, what: "LISTEN to answer")
        } catch {
            connection.closeQuietly()
            throw error
        }
        return connection
    }

    /// Reads everything shared and applies what differs.
    func resync() throws {
        for line in try governance.resync(now: Date().timeIntervalSince1970) {
            logger.info("fleet: \(line)")
        }
        // Compared with what this replica last wrote or took in, not with the engine: overrides naming what this
        // replica's config lacks are skipped by the engine and must not be applied again on every resync.
        let stored = try store.sharedOverrides() ?? StoredOverrides()
        if stored != store.knownOverrides {
            let warnings = engine.restore(overrides: stored)
            store.adopted(stored)
            logger.info("fleet: applied the shared overrides")
            for warning in warnings { logger.warning("fleet: \(warning)") }
        }
    }

    /// Runs blocking database work off the cooperative pool.
    private func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await fleetBlocking(on: Self.queue, work)
    }

    private static let queue = DispatchQueue(label: "switchyard.fleet.sync")
}

/// Whether a notification arrived since the last look.
private final class Pending: Sendable {
    private let flag = Atomic<Bool>(false)

    func mark() { flag.store(true, ordering: .releasing) }

    func take() -> Bool { flag.exchange(false, ordering: .acquiringAndReleasing) }
}

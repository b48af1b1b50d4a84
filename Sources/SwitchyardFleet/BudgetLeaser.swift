import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import SwitchyardCore
import SwitchyardGovernance
import Synchronization

/// Keeps one replica's budget leases and RPM/TPM share current while it runs: every `interval`, and at once when
/// a request found its lease too small, it reports the replica's spend per budget and takes a new grant; on a
/// graceful shutdown it gives the leases back. When the shared database cannot be reached it says so once,
/// keeps serving on the leases it holds and follows the database-down policy past them; when the database is
/// back it says so once and leasing resumes.
public final class BudgetLeaser: Service, Sendable {
    private let store: FleetLeaseStore
    private let governor: Governor
    private let failOpen: Bool
    private let interval: Duration
    private let logger: Logger
    private let status: SharedStateStatus?
    private let standing = Mutex(Standing())

    /// How leasing last went.
    private struct Standing {
        var lastGrant: ContinuousClock.Instant?
        var down = false
        var expired = false
    }

    /// `status`, when given, learns after every round whether the database answered and what budgets do meanwhile.
    public init(store: FleetLeaseStore, governor: Governor, failOpen: Bool, interval: Duration = .seconds(1),
                status: SharedStateStatus? = nil, logger: Logger) {
        self.status = status
        self.store = store
        self.governor = governor
        self.failOpen = failOpen
        self.interval = interval
        self.logger = logger
    }

    /// Turns leasing on and takes the first grants, before the replica serves: without them it has no headroom.
    public func start() {
        governor.startLeasing()
        renew()
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.loop() }
        // The gateway has drained by now (it stops first): the spend reported here is final.
        await blocking { self.release() }
    }

    private func loop() async {
        var last = ContinuousClock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(50))
            guard governor.leaseWanted || ContinuousClock.now - last >= interval else { continue }
            last = ContinuousClock.now
            await blocking { self.renew() }
        }
    }

    /// One round: every budget's demand, then the heartbeat.
    func renew() {
        let sent = ContinuousClock.now
        let demands = governor.leaseDemands(now: Date().timeIntervalSince1970)
        var grants: [BudgetLeaseGrant] = []
        do {
            for demand in demands { grants.append(try store.renew(demand)) }
            let share = try store.heartbeat()
            governor.apply(grants, now: Date().timeIntervalSince1970)
            governor.setRateShare(share)
            let was = standing.withLock { s in
                defer { s = Standing(lastGrant: sent) }
                return s
            }
            status?.reachable()
            if was.down {
                logger.notice("fleet: the budget store \(store.connection.url) is reachable again; leasing resumed")
            }
        } catch {
            governor.apply(grants, now: Date().timeIntervalSince1970)
            governor.leaseStoreUnreachable(failOpen: failOpen)
            let policy = failOpen ? "fail_open: admitting against the fleet's spend as last known"
                : "fail_closed: refusing budgeted requests they cannot cover with a 503"
            let (first, expiring, expired) = standing.withLock { s in
                defer { s.down = true }
                // Locally well before the database lets the lease go, whatever the clocks and latency.
                let life = store.ttl * 2 / 3
                let expiring = !s.expired && s.lastGrant.map { sent - $0 > life } ?? true
                if expiring { s.expired = true }
                return (!s.down, expiring, s.expired)
            }
            status?.unreachable(now: Date().timeIntervalSince1970,
                                budgets: failOpen ? .failOpen : expired ? .failClosed : .leases)
            if first {
                logger.error("fleet: the budget store \(store.connection.url) is unreachable: \(error); serving on this replica's budget leases, then on_database_down \(policy)")
            }
            if expiring {
                governor.leasesExpired(failOpen: failOpen)
                logger.warning("fleet: this replica's budget leases ran out while the budget store is unreachable; on_database_down \(policy)")
            }
        }
    }

    /// Reports the final spend and gives every lease back.
    private func release() {
        do {
            try store.release(governor.leaseDemands(now: Date().timeIntervalSince1970))
        } catch {
            logger.warning("fleet: could not give the budget leases back (they expire on their own): \(error)")
        }
        store.connection.close()
    }

    /// Runs blocking database work off the cooperative pool, one piece at a time.
    private func blocking(_ work: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { continuation in
            Self.queue.async {
                work()
                continuation.resume()
            }
        }
    }

    private static let queue = DispatchQueue(label: "switchyard.fleet.leases")
}

import Synchronization

/// Counters of what the simulator has answered, for `GET /_sim/stats` and tests.
final class SimulatorStats: Sendable {
    private let counters = Mutex(SimulatorStatsSnapshot())

    /// Starts counting one API request; the ticket ends it.
    func begin() -> SimulatorTicket {
        counters.withLock {
            $0.requests += 1
            $0.inFlight += 1
        }
        return SimulatorTicket(stats: self)
    }

    /// Current counters.
    func snapshot() -> SimulatorStatsSnapshot {
        counters.withLock { $0 }
    }

    func update(_ body: (inout SimulatorStatsSnapshot) -> Void) {
        counters.withLock { body(&$0) }
    }
}

import NIOCore
import Synchronization

/// Counters of what the simulator has answered, for `GET /_sim/stats` and tests.
final class SimulatorStats: Sendable {
    private let counters = Mutex(SimulatorStatsSnapshot())
    /// Client addresses (ip:port) requests arrived from: one per TCP connection, to show keep-alive reuse.
    private let peers = Mutex(Set<String>())

    /// Starts counting one API request arriving on `channel`; the ticket ends it.
    func begin(on channel: (any Channel)? = nil) -> SimulatorTicket {
        let newConnection = channel?.remoteAddress.map { address in
            peers.withLock { $0.insert("\(address.ipAddress ?? "?"):\(address.port ?? 0)").inserted }
        } ?? false
        counters.withLock {
            $0.requests += 1
            $0.inFlight += 1
            if newConnection { $0.connections += 1 }
        }
        return SimulatorTicket(stats: self)
    }

    /// Forgets the connections seen, so `connections` counts from zero again.
    func forgetConnections() {
        peers.withLock { $0.removeAll() }
    }

    /// Current counters.
    func snapshot() -> SimulatorStatsSnapshot {
        counters.withLock { $0 }
    }

    func update(_ body: (inout SimulatorStatsSnapshot) -> Void) {
        counters.withLock { body(&$0) }
    }
}
